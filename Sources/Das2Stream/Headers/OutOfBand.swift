/// A `<comment>` out-of-band packet: log messages and task progress.
public struct Das2Comment: Hashable, Sendable {
    /// `log:info`, `taskSize`, `taskProgress`, or any other string.
    public var type: String
    /// The message text, or the number for `taskSize`/`taskProgress`.
    public var value: String
    /// The program that emitted it.
    public var source: String

    /// Creates a comment.
    public init(type: String, value: String, source: String) {
        self.type = type
        self.value = value
        self.source = source
    }

    /// Whether this is a progress report (`taskProgress` or `taskSize`, any letter case).
    public var isProgress: Bool {
        let lowered = type.lowercased()
        return lowered == "taskprogress" || lowered == "tasksize"
    }
}

/// An `<exception>` out-of-band packet. The type string is kept verbatim.
public struct Das2Exception: Hashable, Sendable, Error {
    /// `NoDataInInterval`, `IllegalArgument`, `ServerError`, or any other string.
    public var type: String
    /// Human-readable text.
    public var message: String

    /// Creates an exception.
    public init(type: String, message: String) {
        self.type = type
        self.message = message
    }

    /// The selection excluded all data.
    public static let noDataInInterval = "NoDataInInterval"
    /// A bad reader parameter.
    public static let illegalArgument = "IllegalArgument"
    /// An internal failure.
    public static let serverError = "ServerError"
}
