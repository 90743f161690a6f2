#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Server
import Logging

/// `das2-cgi`: the das2 server as a CGI/1.1 program (RFC 3875).
///
/// Reads the request from the CGI environment, finds the configuration (`DAS2_SERVER_CONF`,
/// else `<executable dir>/../etc/das2server.conf`), and writes the answer to standard output
/// as `Status:` line, headers, blank line and body. Logs go to standard error (the web
/// server's error log). The exit status is 0 whenever the response head was written, even if
/// the client left during the body, and 1 when the body was cut off by a failure after it
/// started; a response to HEAD has no body (RFC 3875 forbids one).
@main
enum Das2CGI {
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "das2-cgi")
        let environment = ProcessEnvironment.current
        let configurationPath = environment["DAS2_SERVER_CONF"].flatMap { $0.isEmpty ? nil : $0 } ?? installedConfigurationPath
        let server = Das2Server(configurationPath: configurationPath, environment: environment, logger: logger)
        let request = Das2Request(cgiEnvironment: environment)
        let response = await server.respond(to: request)

        let output = CGIOutput()
        let includeBody = request.method != "HEAD"
        do {
            switch response.body {
            case .bytes(let bytes) where includeBody:
                try output.writeAll(CGIOutput.head(response) + bytes)
            case .stream(let produce) where includeBody:
                try output.writeAll(CGIOutput.head(response))
                var writer: any Das2ResponseBodyWriter = output
                do {
                    try await produce(&writer)
                } catch is Das2ResponseAbort {
                    // The body failed after it started (hapi.md §8.3): the web server logs a
                    // failed CGI program, and its client sees the connection end.
                    logger.error("response body cut off after a failure")
                    exit(1)
                } catch {
                    logger.info("response stream ended early: \(error)")
                }
            case .stream(let produce):
                try output.writeAll(CGIOutput.head(response))
                // HEAD: stop the stream at its first write so the server cleans up.
                var stopper: any Das2ResponseBodyWriter = HeadBodyWriter()
                try? await produce(&stopper)
            case .empty, .bytes:
                try output.writeAll(CGIOutput.head(response))
            }
        } catch {
            logger.error("\(error)")
            exit(1)
        }
        exit(0)
    }

    /// The installed default: `etc/das2server.conf` beside the executable's `bin` directory.
    static var installedConfigurationPath: String {
        let directory = ProcessEnvironment.executableDirectory
        let parent = directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? ".."
        return parent + "/etc/das2server.conf"
    }
}
