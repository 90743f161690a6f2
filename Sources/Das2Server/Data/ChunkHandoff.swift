import Synchronization

/// Hands the chunks of a running pipeline to the task that writes the response, one at a time.
///
/// The producer's `send` returns only when the consumer has taken the previous chunk, so a slow
/// client stalls the pipeline (back-pressure) while at most one chunk waits in memory. When the
/// consumer stops (``close()``), a waiting or later `send` throws, which makes the pipeline kill
/// its children.
///
/// (A one-slot handoff is all this needs; `AsyncChannel` from swift-async-algorithms would do it
/// too but would pull swift-collections into every front end, the CGI program included.)
final class ChunkHandoff<Element: Sendable>: Sendable {
    struct Closed: Error {}

    private struct State {
        var slot: Element?
        var finished = false
        var closed = false
        var waitingSender: CheckedContinuation<Void, any Error>?
        var waitingReceiver: CheckedContinuation<Element?, Never>?
    }

    private let state = Mutex(State())

    /// Offers a chunk; returns once the consumer took it.
    /// - Throws: ``Closed`` when the consumer has stopped reading.
    func send(_ element: Element) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let receiver: CheckedContinuation<Element?, Never>? = state.withLock { state in
                if state.closed {
                    continuation.resume(throwing: Closed())
                    return nil
                }
                if let receiver = state.waitingReceiver {
                    state.waitingReceiver = nil
                    continuation.resume()
                    return receiver
                }
                state.slot = element
                state.waitingSender = continuation
                return nil
            }
            receiver?.resume(returning: element)
        }
    }

    /// Ends the sequence: the consumer's next ``next()`` after the last chunk returns nil.
    func finish() {
        let receiver = state.withLock { state -> CheckedContinuation<Element?, Never>? in
            state.finished = true
            defer { state.waitingReceiver = nil }
            return state.slot == nil ? state.waitingReceiver : nil
        }
        receiver?.resume(returning: nil)
    }

    /// The next chunk, or nil after ``finish()``.
    func next() async -> Element? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
            let (element, sender, done): (Element?, CheckedContinuation<Void, any Error>?, Bool) = state.withLock { state in
                if let element = state.slot {
                    state.slot = nil
                    defer { state.waitingSender = nil }
                    return (element, state.waitingSender, false)
                }
                if state.finished || state.closed { return (nil, nil, true) }
                state.waitingReceiver = continuation
                return (nil, nil, false)
            }
            if let element {
                sender?.resume()
                continuation.resume(returning: element)
            } else if done {
                continuation.resume(returning: nil)
            }
        }
    }

    /// The consumer stops: pending and later sends throw.
    func close() {
        let (sender, receiver) = state.withLock { state in
            state.closed = true
            state.slot = nil
            defer {
                state.waitingSender = nil
                state.waitingReceiver = nil
            }
            return (state.waitingSender, state.waitingReceiver)
        }
        sender?.resume(throwing: Closed())
        receiver?.resume(returning: nil)
    }
}
