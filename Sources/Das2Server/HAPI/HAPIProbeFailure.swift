/// Why a probe found nothing usable.
struct HAPIProbeFailure: Error, Sendable {
    var reason: String
}
