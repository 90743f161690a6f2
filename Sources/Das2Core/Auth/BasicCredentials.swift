/// HTTP Basic credentials from an `Authorization` header value (auth.md §4.1).
///
/// The value must start with the scheme `Basic` (any case), a space and the base64 of
/// `login:password` in UTF-8, and be longer than 12 characters, as in the reference. The
/// login ends at the first `:`; the password may contain `:`. The password is never shown by
/// ``description``.
public struct BasicCredentials: Hashable, Sendable {
    /// The login name.
    public var login: String
    /// The password in the clear.
    public var password: String

    /// The longest `Authorization` value accepted, in bytes.
    public static let maximumHeaderLength = 4096

    /// Why an `Authorization` value holds no usable credentials.
    ///
    /// auth.md DA-2: a server treats every failure as "no credentials" (DENY, then a 401
    /// challenge), never as an internal error.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// Not the `Basic` scheme, or 12 characters or fewer.
        case notBasic
        /// Longer than ``BasicCredentials/maximumHeaderLength`` bytes.
        case tooLong
        /// The payload is not canonical base64.
        case invalidBase64
        /// The decoded payload is not UTF-8.
        case invalidUTF8
        /// The decoded payload has no `:` between login and password.
        case missingColon

        public var description: String {
            switch self {
            case .notBasic: "the Authorization header is not Basic credentials"
            case .tooLong: "the Authorization header is longer than \(BasicCredentials.maximumHeaderLength) bytes"
            case .invalidBase64: "the Basic credentials are not valid base64"
            case .invalidUTF8: "the Basic credentials are not valid UTF-8"
            case .missingColon: "the Basic credentials have no ':' between login and password"
            }
        }
    }

    /// Creates credentials.
    /// - Parameters:
    ///   - login: The login name.
    ///   - password: The password in the clear.
    public init(login: String, password: String) {
        self.login = login
        self.password = password
    }

    /// Parses an `Authorization` header value such as `Basic dGVzdHVzZXI6dGVzdA==`.
    /// - Parameter header: The header value (CGI `HTTP_AUTHORIZATION`).
    /// - Throws: ``Failure`` saying why the value holds no credentials.
    public init(header: some StringProtocol) throws(Failure) {
        let bytes = Array(header.utf8)
        guard bytes.count <= BasicCredentials.maximumHeaderLength else { throw .tooLong }
        guard header.unicodeScalars.count > 12,
            bytes[0..<5].map({ $0 | 0x20 }).elementsEqual("basic".utf8), bytes[5] == UInt8(ascii: " ")
        else { throw .notBasic }
        var payload = bytes[6...]
        while let first = payload.first, first == 0x20 || first == 0x09 { payload = payload.dropFirst() }
        while let last = payload.last, last == 0x20 || last == 0x09 { payload = payload.dropLast() }
        guard let decoded = Base64.decode(payload) else { throw .invalidBase64 }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8 }
        guard let colon = text.unicodeScalars.firstIndex(of: ":") else { throw .missingColon }
        login = String(text.unicodeScalars[..<colon])
        password = String(text.unicodeScalars[text.unicodeScalars.index(after: colon)...])
    }
}

extension BasicCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// The login with the password redacted, safe for logs.
    public var description: String { "\(login):(redacted)" }
    public var debugDescription: String { "BasicCredentials(login: \(login), password: (redacted))" }
}
