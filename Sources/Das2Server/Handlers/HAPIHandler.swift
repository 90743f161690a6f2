import Das2Core

// Paths below `/hapi` (hapi.md §1.1).
extension RequestContext {
    func hapi() throws(Das2ServerError) -> Das2Response {
        guard configuration.enableHAPI else {
            throw Das2ServerError(
                .badRequest,
                "Heliophysics API Subsystem not enabled, contact the server administrator if this feature is needed"
            )
        }
        throw Das2ServerError(.notImplemented, "The Heliophysics API is not available on this server yet")
    }
}
