import Subprocess

/// Hands a command stage's standard input writer to the task that feeds it.
///
/// The writer lives only inside the command's `run` body. The body offers it here and waits
/// until the feeding task releases it; the feeding task takes it, writes, closes it and releases
/// it. A stage that never starts withdraws instead, so the feeder never waits forever.
final class StandardInputLink: Sendable {
    private enum Endpoint: Sendable {
        case writer(StandardInputWriter)
        case unavailable
    }

    private let endpoint = OneShot<Endpoint>()
    private let released = OneShot<Void>()

    /// Offers the running command's writer (command side).
    func offer(_ writer: StandardInputWriter) {
        endpoint.fulfil(.writer(writer))
    }

    /// Says that no writer will come because the command is not running (command side).
    func withdraw() {
        endpoint.fulfil(.unavailable)
    }

    /// Waits for the feeder to be done with the writer (command side).
    func waitUntilReleased() async {
        await released.value()
    }

    /// Waits for the command's writer (feeder side).
    ///
    /// - Returns: The writer, or nil when the command is not running.
    func writer() async -> StandardInputWriter? {
        if case .writer(let writer) = await endpoint.value() {
            return writer
        }
        return nil
    }

    /// Says that the feeder will not touch the writer again (feeder side).
    func release() {
        released.fulfil(())
    }
}
