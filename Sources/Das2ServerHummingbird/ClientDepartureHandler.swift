import NIOCore
import Synchronization

/// Notices when the client of a connection goes: its side of the connection closes (Hummingbird
/// allows half-closed connections, so that is an event, not the end of the channel), or the
/// connection ends.
///
/// The server writes to a client only when a reader writes, so without this a client that
/// hangs up while its reader is silent is noticed only at the reader's idle time limit.
/// Treating a half-close as a departure is what proxies such as nginx do by default.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let state = Mutex(State())

    private struct State {
        var departed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            depart()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        depart()
        context.fireChannelInactive()
    }

    /// Returns once the client has gone, or when the calling task is cancelled.
    func waitForDeparture() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    // Checked under the lock, so a cancellation is seen here or finds the waiter.
                    if state.departed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func depart() {
        let waiters = state.withLock { state in
            state.departed = true
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }
}
