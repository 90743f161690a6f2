import Testing

/// The cases of hapi.md §12 against the real `das2-server` on loopback (mounted at
/// `/das/server`, requests with `Host: localhost`), and a sample through `das2-cgi` (H60).
///
/// The cases share a few servers and their probe log, so they run one at a time.
@Suite(.hapiServers, .serialized)
struct HAPIConformanceTests {}
