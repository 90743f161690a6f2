/// An error raised by Das2Core: a time, unit, datum or configuration value that cannot be used.
///
/// The ``code`` says what kind of value was wrong; the ``message`` says which value and why,
/// in words a user can act on. Codes are a struct rather than an enum so new ones can be
/// added without breaking clients (the swift-nio `FileSystemError` pattern).
public struct Das2CoreError: Error, Hashable, Sendable {
    /// The kind of failure.
    public var code: Code
    /// What went wrong, naming the offending text.
    public var message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension Das2CoreError {
    /// The kind of a ``Das2CoreError``.
    public struct Code: Hashable, Sendable {
        private enum Wrapped: Hashable, Sendable {
            case invalidTime
            case invalidUnits
            case invalidDatum
            case invalidRange
            case invalidConfiguration
            case invalidRequest
        }

        private var wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A time string the das2 time parser rejects, or a time outside the supported range.
        public static var invalidTime: Code { Code(.invalidTime) }
        /// A units string that cannot be parsed or converted.
        public static var invalidUnits: Code { Code(.invalidUnits) }
        /// A datum (`60 s`, `10 kHz`) that cannot be parsed.
        public static var invalidDatum: Code { Code(.invalidDatum) }
        /// A range (`BEGIN to END`) that cannot be parsed.
        public static var invalidRange: Code { Code(.invalidRange) }
        /// A configuration value (DSDF, server configuration) that cannot be used.
        public static var invalidConfiguration: Code { Code(.invalidConfiguration) }
        /// A value sent by a client that the server must refuse (HTTP 400), such as a query
        /// value substituted into a DSDF that contains characters outside the allowed set.
        public static var invalidRequest: Code { Code(.invalidRequest) }
    }
}

extension Das2CoreError.Code: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidTime: "invalid time"
        case .invalidUnits: "invalid units"
        case .invalidDatum: "invalid datum"
        case .invalidRange: "invalid range"
        case .invalidRequest: "invalid request"
        default: "invalid configuration"
        }
    }
}

extension Das2CoreError: CustomStringConvertible {
    public var description: String { message }
}
