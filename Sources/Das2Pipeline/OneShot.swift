import Synchronization

/// A value that is set once and awaited by any number of tasks.
///
/// Waiting deliberately ignores task cancellation: every value the runner waits for is
/// guaranteed to be set on all paths, and a waiter that gave up early could close a pipe another
/// task is still writing to.
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [CheckedContinuation<Value, Never>]
    }

    private let state = Mutex(State(value: nil, waiters: []))

    /// The value, or nil while it is not set.
    var current: Value? {
        state.withLock { $0.value }
    }

    /// Sets the value unless it is already set.
    ///
    /// - Parameter value: The value.
    /// - Returns: Whether this call set it.
    @discardableResult
    func fulfil(_ value: Value) -> Bool {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, Never>]? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        guard let waiters else { return false }
        for waiter in waiters {
            waiter.resume(returning: value)
        }
        return true
    }

    /// Waits until the value is set.
    ///
    /// - Returns: The value.
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let ready {
                continuation.resume(returning: ready)
            }
        }
    }
}
