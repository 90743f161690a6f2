/// An error that answers a request: an error class of the das2 server protocol and a message.
///
/// Every failure a client can cause or see becomes one of these; ``code`` decides the HTTP
/// status and the das2 exception type (server-protocol.md §1.7), ``message`` is what the client
/// reads. Codes are a struct so new ones can be added without breaking clients (the swift-nio
/// `FileSystemError` pattern).
public struct Das2ServerError: Error, Hashable, Sendable {
    /// The error class.
    public var code: Code
    /// What went wrong, in words the client (or the operator reading the log) can act on.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension Das2ServerError {
    /// The error classes of server-protocol.md §1.7.
    public struct Code: Hashable, Sendable {
        private enum Wrapped: Hashable, Sendable {
            case badRequest, notFound, forbidden, serverError, notImplemented, noData, unauthorized, authorizationError
        }

        private var wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// 400, exception type `BadRequest`: the query is wrong.
        public static var badRequest: Code { Code(.badRequest) }
        /// 404, exception type `NoSuchDatasource`.
        public static var notFound: Code { Code(.notFound) }
        /// 403, exception type `Forbidden`.
        public static var forbidden: Code { Code(.forbidden) }
        /// 500, exception type `InternalServerError`: configuration, DSDF or reader failure.
        public static var serverError: Code { Code(.serverError) }
        /// 501, exception type `NotImplemented`.
        public static var notImplemented: Code { Code(.notImplemented) }
        /// 200 with an exception of type `NoDataInInterval`: a valid answer saying there is nothing.
        public static var noData: Code { Code(.noData) }
        /// 401 with a Basic challenge; the message is the realm. No body.
        public static var unauthorized: Code { Code(.unauthorized) }
        /// 501 `Internal Server Error` with no body: authorization could not be checked.
        public static var authorizationError: Code { Code(.authorizationError) }

        /// The HTTP status code.
        public var status: Int {
            switch wrapped {
            case .badRequest: 400
            case .notFound: 404
            case .forbidden: 403
            case .serverError: 500
            case .notImplemented: 501
            case .noData: 200
            case .unauthorized: 401
            case .authorizationError: 501
            }
        }

        /// The das2 exception type.
        public var exceptionType: String {
            switch wrapped {
            case .badRequest: "BadRequest"
            case .notFound: "NoSuchDatasource"
            case .forbidden: "Forbidden"
            case .serverError: "InternalServerError"
            case .notImplemented: "NotImplemented"
            case .noData: "NoDataInInterval"
            case .unauthorized: "Unauthorized"
            case .authorizationError: "InternalServerError"
            }
        }
    }
}

extension Das2ServerError: CustomStringConvertible {
    public var description: String { "\(code.exceptionType): \(message)" }
}
