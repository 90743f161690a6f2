/// A failure before the server listens, printed by ArgumentParser as `Error: <message>`.
struct StartupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
