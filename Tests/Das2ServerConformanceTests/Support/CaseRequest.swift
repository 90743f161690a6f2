import Das2TestSupport

/// The user agent of "browser" in the cases (§0.1).
let browserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:99.0) Gecko/20100101 Firefox/99.0"

/// One request of a case, in the terms of §0.1.
struct CaseRequest: Sendable {
    /// `QUERY_STRING`, raw.
    var query = ""
    /// `PATH_INFO`; nil leaves it unset.
    var pathInfo: String?
    /// `HTTP_USER_AGENT` / `User-Agent`.
    var userAgent: String?
    /// `HTTP_AUTHORIZATION` / `Authorization`.
    var authorization: String?
    /// A trusted client: `REMOTE_ADDR=127.0.0.1` (CGI) or a server whose `TEST_FROM` lists
    /// the loopback address (standalone); otherwise `10.0.0.5` / no `TEST_FROM`.
    var trusted = false
    /// The fixture variant (its `trustsLoopback` is set from ``trusted`` for the standalone
    /// server and kept as written, true, for CGI).
    var fixture = ServerFixture.Options()

    /// The browser form of this request.
    var fromBrowser: CaseRequest {
        var copy = self
        copy.userAgent = browserAgent
        return copy
    }

    /// The request target for the standalone server: the mount, `PATH_INFO` with the
    /// characters a request line cannot carry percent-encoded, and the raw query.
    var target: String {
        var target = "/das/server"
        if let pathInfo {
            for byte in pathInfo.utf8 {
                if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "?"), byte != UInt8(ascii: "#") {
                    target.append(Character(Unicode.Scalar(byte)))
                } else {
                    target += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
                }
            }
        }
        return query.isEmpty ? target : target + "?" + query
    }
}

extension CaseRequest {
    /// A request with this raw query.
    static func query(_ query: String) -> CaseRequest {
        CaseRequest(query: query)
    }

    /// A request for `PATH_INFO` with an optional raw query.
    static func path(_ pathInfo: String, query: String = "") -> CaseRequest {
        CaseRequest(query: query, pathInfo: pathInfo)
    }

    /// The same request with `Authorization`.
    func authorized(_ value: String) -> CaseRequest {
        var copy = self
        copy.authorization = value
        return copy
    }

    /// The same request from a trusted address.
    var fromTrustedAddress: CaseRequest {
        var copy = self
        copy.trusted = true
        return copy
    }

    /// The same request against another fixture variant.
    func with(_ fixture: ServerFixture.Options) -> CaseRequest {
        var copy = self
        copy.fixture = fixture
        return copy
    }
}

/// Credentials of §6.
enum Credentials {
    static let testUser = "Basic dGVzdHVzZXI6dGVzdA=="
    static let wrongPassword = "Basic dGVzdHVzZXI6d3Jvbmc="
    static let unknownUser = "Basic bm9ib2R5OnRlc3Q="
}
