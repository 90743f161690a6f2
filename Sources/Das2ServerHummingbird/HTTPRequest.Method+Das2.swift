import HTTPTypes

extension HTTPRequest.Method {
    /// The methods routed to the das2 server: GET and HEAD, and the other common ones, which
    /// the server refuses itself (a das2 400, or HAPI's 405 with `Allow`, hapi.md §1.3)
    /// instead of a router's 404.
    static let routedToDas2: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options]
}
