import Das2Core

/// One HTTP request as the das2 server sees it: the inputs of the CGI program
/// (server-protocol.md §1.1), whichever front end received it.
///
/// The CGI front end fills it from the CGI environment (``init(cgiEnvironment:)``); a standalone
/// or embedding server maps its request onto the same fields (§1.4): `scriptName` is the mount
/// path, `pathInfo` the path below it, `serverName`/`serverPort` come from the `Host` header.
public struct Das2Request: Sendable {
    /// The HTTP method; only GET (and HEAD, answered like GET by the front ends) are served.
    public var method: String
    /// The raw query string (`QUERY_STRING`), nil when the CGI environment lacks it.
    public var queryString: String?
    /// The path below the server's own URL (`PATH_INFO`), empty or starting with `/`.
    public var pathInfo: String
    /// The path of the server's URL (`SCRIPT_NAME`), e.g. `/das/server`; empty at the root.
    public var scriptName: String?
    /// The host name clients used (`SERVER_NAME`).
    public var serverName: String?
    /// The port clients used (`SERVER_PORT`); nil means the scheme's default.
    public var serverPort: Int?
    /// Whether the client connected over TLS (`HTTPS` on).
    public var isSecure: Bool
    /// The client's IP address (`REMOTE_ADDR`).
    public var remoteAddress: String
    /// The request headers, names as sent (compared case-insensitively).
    public var headers: [(name: String, value: String)]
    /// The web server's signature for page footers (`SERVER_SIGNATURE`).
    public var serverSignature: String?
    /// Tells when the client has gone, so that a data query's readers are stopped at once, also
    /// while they are silent; without it a departure is noticed at the next write, or at the
    /// reader's idle time limit. Front ends that cannot tell leave it nil.
    public var clientDeparture: (any ClientDeparture)?

    /// Creates a request.
    public init(
        method: String = "GET",
        queryString: String?,
        pathInfo: String = "",
        scriptName: String?,
        serverName: String?,
        serverPort: Int? = nil,
        isSecure: Bool = false,
        remoteAddress: String,
        headers: [(name: String, value: String)] = [],
        serverSignature: String? = nil
    ) {
        self.method = method
        self.queryString = queryString
        self.pathInfo = pathInfo
        self.scriptName = scriptName
        self.serverName = serverName
        self.serverPort = serverPort
        self.isSecure = isSecure
        self.remoteAddress = remoteAddress
        self.headers = headers
        self.serverSignature = serverSignature
    }

    /// The value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.equalsBytesIgnoringASCIICase(name) }?.value
    }

    /// The `User-Agent` header.
    public var userAgent: String? { header("User-Agent") }

    /// The `Authorization` header.
    public var authorization: String? { header("Authorization") }
}

extension Das2Request {
    /// Reads a request from CGI/1.1 meta-variables (RFC 3875): `QUERY_STRING`, `PATH_INFO`,
    /// `SCRIPT_NAME`, `SERVER_NAME`, `SERVER_PORT`, `HTTPS`, `REMOTE_ADDR`, `REQUEST_METHOD`,
    /// `SERVER_SIGNATURE` and every `HTTP_*` variable as a header.
    public init(cgiEnvironment environment: [String: String]) {
        var headers: [(name: String, value: String)] = []
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix("HTTP_") {
            let name = key.dropFirst(5).split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }
            headers.append((name.joined(separator: "-"), value))
        }
        let https = environment["HTTPS"]?.lowercased()
        self.init(
            method: environment["REQUEST_METHOD"] ?? "GET",
            queryString: environment["QUERY_STRING"],
            pathInfo: environment["PATH_INFO"] ?? "",
            scriptName: environment["SCRIPT_NAME"],
            serverName: environment["SERVER_NAME"],
            serverPort: environment["SERVER_PORT"].flatMap { Int($0) },
            isSecure: https == "on" || https == "1",
            remoteAddress: environment["REMOTE_ADDR"] ?? "",
            headers: headers,
            serverSignature: environment["SERVER_SIGNATURE"]
        )
    }

    /// The CGI meta-variables of this request (for the debug page).
    var cgiVariables: [(name: String, value: String)] {
        var variables: [(name: String, value: String)] = [
            ("REQUEST_METHOD", method), ("QUERY_STRING", queryString ?? ""), ("PATH_INFO", pathInfo),
            ("SCRIPT_NAME", scriptName ?? ""), ("SERVER_NAME", serverName ?? ""),
            ("SERVER_PORT", serverPort.map(String.init) ?? ""), ("REMOTE_ADDR", remoteAddress),
        ]
        if isSecure { variables.append(("HTTPS", "on")) }
        for header in headers {
            variables.append(("HTTP_" + header.name.uppercased().replacing("-", with: "_"), header.value))
        }
        return variables.sorted { $0.name < $1.name }
    }

    /// The public URL of the server (`SCRIPT_URL`, server-protocol.md §1.4).
    var scriptURL: String {
        let name = serverName ?? ""
        let script = scriptName ?? ""
        let port = serverPort.flatMap { $0 != (isSecure ? 443 : 80) ? String($0) : nil }
        // One allocation, not one per part: this is made for every request.
        var url = ""
        url.reserveCapacity(8 + name.utf8.count + 1 + (port?.utf8.count ?? 0) + script.utf8.count)
        url += isSecure ? "https://" : "http://"
        url += name
        if let port {
            url += ":"
            url += port
        }
        url += script
        return url
    }

    /// Whether the client is a web browser (§1.5), which changes error bodies and text types.
    var isBrowser: Bool {
        guard let agent = userAgent else { return false }
        // Beyond ASCII, Unicode lowercasing can make ASCII letters (the Kelvin sign becomes `k`).
        guard agent.utf8.allSatisfy({ $0 < 0x80 }) else {
            let lowered = agent.lowercased()
            return Self.browserNames.contains { lowered.contains($0) }
        }
        return Self.browserNames.contains { agent.containsBytesIgnoringASCIICase($0) }
    }

    private static let browserNames = ["firefox", "explorer", "safari", "chrome", "konqueror"]
}
