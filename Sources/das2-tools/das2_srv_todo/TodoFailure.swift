/// A failure that ends `das2_srv_todo`: a message on stderr and the reference's exit status.
struct TodoFailure: Error, Equatable {
    var status: Int32
    var message: String

    init(_ status: Int32, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Bad arguments or an unknown task (checked before the queue is contacted).
    static let arguments: Int32 = 13
    /// The configuration file is missing or invalid.
    static let configuration: Int32 = 17
    /// The work queue cannot be used.
    static let broker: Int32 = 21

    /// A command-line syntax error, in `optparse`'s words.
    static func usage(_ message: String) -> TodoFailure {
        TodoFailure(arguments, "Usage: das2_srv_todo [options] [help] [TASK ARG1 ARG2 ARG3 ...]\n\ndas2_srv_todo: error: \(message)")
    }
}
