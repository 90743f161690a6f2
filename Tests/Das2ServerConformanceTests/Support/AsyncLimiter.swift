/// Lets at most `limit` tasks run a section at once; the others wait in arrival order.
actor AsyncLimiter {
    private let limit: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a limiter; `limit` 1 makes it a lock.
    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` once fewer than `limit` others are running it.
    nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let value = try await body()
            await leave()
            return value
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async {
        guard running >= limit else {
            running += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func leave() {
        if waiters.isEmpty {
            running -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
