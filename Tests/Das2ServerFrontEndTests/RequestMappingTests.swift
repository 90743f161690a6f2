import Das2TestSupport
import Testing

/// How `das2-server` maps HTTP requests onto the CGI inputs (server-protocol.md §1.4), seen
/// through answers the spec fixes: the `rename` redirect's `Location` is
/// `SCRIPT_URL + PATH_INFO + ? + query` (§4.5), so it shows SERVER_NAME, SERVER_PORT,
/// SCRIPT_NAME, PATH_INFO and QUERY_STRING; `server=debug` answers 403 to clients outside
/// TEST_FROM and 401 (no credentials) to those inside (auth.md §6), which shows REMOTE_ADDR.
@Suite(.serialized)
struct RequestMappingTests {
    struct RedirectCase: Sendable, CustomStringConvertible {
        var mount: String
        var target: String
        var host: String?
        var location: String
        var description: String { "\(mount) \(target) Host: \(host ?? "-")" }
    }

    static let redirects: [RedirectCase] = [
        RedirectCase(
            mount: "/das/server", target: "/das/server/Moved?server=dsdf", host: "example.org:8080",
            location: "http://example.org:8080/das/server/Big?server=dsdf"
        ),
        RedirectCase(
            mount: "/das/server", target: "/das/server/Moved?server=dsdf", host: "example.org",
            location: "http://example.org/das/server/Big?server=dsdf"
        ),
        RedirectCase(
            mount: "/das/server", target: "/das/server/Moved?server=dsdf", host: "example.org:80",
            location: "http://example.org/das/server/Big?server=dsdf"
        ),
        RedirectCase(
            mount: "/das/server", target: "/das/server/Mov%65d?server=dsdf", host: "example.org",
            location: "http://example.org/das/server/Big?server=dsdf"
        ),
        RedirectCase(
            mount: "/das/server",
            target: "/das/server?server=dataset&dataset=Moved&start_time=2017-01-01&end_time=2017-01-02",
            host: "localhost",
            location: "http://localhost/das/server?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-01-02"
        ),
        RedirectCase(
            mount: "/das/server",
            target: "/das/server/?server=dataset&dataset=Moved&start_time=2017-01-01&end_time=2017-01-02",
            host: "localhost",
            location: "http://localhost/das/server/?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-01-02"
        ),
        RedirectCase(
            mount: "", target: "/Moved?server=dsdf", host: "[::1]:8443",
            location: "http://[::1]:8443/Big?server=dsdf"
        ),
    ]

    @Test(arguments: redirects)
    func mapsHostMountPathAndQueryOntoTheScriptURL(_ example: RedirectCase) async throws {
        let site = try TestSite()
        let arguments = ["--config", site.configurationPath, "--port", "0", "--mount", example.mount]
        let outcome = try await ServerProcess.run(arguments) { server in
            try server.client.request(example.target, headers: example.host.map { [("Host", $0)] } ?? [])
        }
        #expect(outcome.value.status == 301)
        #expect(outcome.value.header("Location") == example.location)
    }

    @Test func usesTheLocalAddressWhenTheRequestHasNoHost() async throws {
        let site = try TestSite()
        let arguments = ["--config", site.configurationPath, "--port", "0", "--mount", "/das/server"]
        let outcome = try await ServerProcess.run(arguments) { server in
            let response = try server.client.request("/das/server/Moved?server=dsdf", version: "HTTP/1.0")
            return (response, server.port)
        }
        let (response, port) = outcome.value
        #expect(response.status == 301)
        #expect(response.header("Location") == "http://127.0.0.1:\(port)/das/server/Big?server=dsdf")
    }

    @Test(arguments: [("127.0.0.1", 401), ("10.255.255.1", 403)])
    func passesThePeerAddressAsRemoteAddress(testFrom: String, status: Int) async throws {
        let site = try TestSite(testFrom: testFrom)
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            try server.client.request("/?server=debug")
        }
        #expect(outcome.value.status == status)
    }
}
