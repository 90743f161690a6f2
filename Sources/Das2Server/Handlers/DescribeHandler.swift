import Das2Core

// `server=dsdf` (server-protocol.md §3.4): the public keys of a DSDF as a das2 stream header.
extension RequestContext {
    /// The source named by `dataset`, else by the path (leading `/` removed), checked by rule N.
    func requestedSourceName() throws(Das2ServerError) -> (requested: String, name: String) {
        var requested = query["dataset"] ?? ""
        if requested.isEmpty {
            requested = String(request.pathInfo.drop { $0 == "/" })
        }
        return (requested, try QueryValidation.datasetName(requested))
    }

    func describeSource() throws(Das2ServerError) -> Das2Response {
        let (requested, name) = try requestedSourceName()
        let (dsdf, _) = try loadSource(name)
        if dsdf.contains("rename"), let location = Redirect.location(for: dsdf, requestedName: requested, context: self, followsServer: false) {
            log.log("   Redirect: \(location)")
            return Redirect.response(location)
        }
        return bytesResponse(
            dsdf.das2HeaderPacket(), contentType: isBrowser ? CommonHeaders.plainText : CommonHeaders.das2Stream, cors: true
        )
    }
}
