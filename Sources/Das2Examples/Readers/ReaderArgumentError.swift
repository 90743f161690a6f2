/// A reader command line that cannot be used; the message names the bad text.
struct ReaderArgumentError: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
