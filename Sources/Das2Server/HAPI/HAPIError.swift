/// A HAPI request that cannot be answered with data: the status code, an optional
/// clarification and how the HTTP answer differs from the code's defaults.
///
/// Neither text may repeat anything the client sent (hapi.md §2.2).
struct HAPIError: Error, Sendable {
    var status: HAPIStatus
    /// Appended to the message after `: `.
    var clarification: String?
    /// The `x_reason` member of the status object.
    var reason: String?
    /// The HTTP status when it is not the code's own (401, 405).
    var httpStatus: Int?
    /// Extra header fields (`WWW-Authenticate`, `Allow`).
    var headers: [(name: String, value: String)] = []

    init(
        _ status: HAPIStatus, clarification: String? = nil, reason: String? = nil, httpStatus: Int? = nil,
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.clarification = clarification
        self.reason = reason
        self.httpStatus = httpStatus
        self.headers = headers
    }

    /// The message of the status object.
    var message: String {
        clarification.map { status.message + ": " + $0 } ?? status.message
    }
}
