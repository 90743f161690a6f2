/// Applies a data source's ``ReadAccess`` rule to one request (auth.md §3–§5).
///
/// The server reads the password and group files and hands over their bytes (`nil` for a
/// file that is not configured, missing or unreadable); the Authorizer parses them only as
/// far as a condition needs them, checks passwords with ``PasswordHash`` and trusts the
/// `TEST_FROM` addresses. A typical call:
///
/// ```swift
/// let decision = Authorizer(
///     testFrom: configuration.testFrom, passwordFile: passwd, groupFile: group
/// ).authorize(rule, authorization: header, clientAddress: remoteAddress,
///             begin: begin, end: end, now: now)
/// ```
public struct Authorizer: Sendable {
    /// The `TEST_FROM` addresses, which bypass every rule and may open the debug page.
    public let trustedAddresses: AddressMatcher
    private let passwords: PasswordFile?
    private let groupFile: [UInt8]?

    /// Creates an authorizer for one request.
    /// - Parameters:
    ///   - testFrom: The `TEST_FROM` entries (``ServerConfiguration/testFrom``).
    ///   - passwordFile: The bytes of the `USER_PASSWD` file, or `nil` when the key is not
    ///     set or the file is missing or unreadable.
    ///   - groupFile: The bytes of the `USER_GROUP` file, likewise.
    public init(testFrom: [String], passwordFile: [UInt8]?, groupFile: [UInt8]?) {
        trustedAddresses = AddressMatcher(testFrom)
        passwords = passwordFile.map(PasswordFile.init(parsing:))
        self.groupFile = groupFile
    }

    /// Decides a data request (auth.md §3).
    ///
    /// Conditions are tried in order as ``ReadAccess`` describes; a `USER` or `GROUP`
    /// condition verifies the password of the `Authorization` header (once per request),
    /// a `GROUP` condition then reads the group file. A header that is not valid Basic
    /// credentials counts as none (DA-2), so the answer is a challenge; only a header over
    /// ``BasicCredentials/maximumHeaderLength`` bytes makes a refusal a bad request.
    /// - Parameters:
    ///   - access: The source's rule, `nil` for a public source.
    ///   - authorization: The `Authorization` header value (CGI `HTTP_AUTHORIZATION`), if any.
    ///   - clientAddress: The client address (CGI `REMOTE_ADDR`), if known.
    ///   - begin: The requested start time (`start_time`, else `time.min`); `nil` when absent
    ///     or unparsable, or for a metadata request.
    ///   - end: The requested end time, likewise.
    ///   - now: The current UTC time.
    /// - Returns: The outcome and the log lines.
    public func authorize(
        _ access: ReadAccess?, authorization: String?, clientAddress: String?,
        begin: DasTime?, end: DasTime?, now: DasTime
    ) -> AccessDecision {
        guard let access, !access.conditions.isEmpty else {
            return AccessDecision(outcome: .allow(login: nil), log: [])
        }
        var log: [String] = []
        let credentials = self.credentials(from: authorization, log: &log)
        let trustedAddress = clientAddress.flatMap { trustedAddresses.matches($0) ? $0 : nil }
        var authentication: AccessResult?
        let result = access.evaluate(
            begin: begin, end: end, now: now, trustedAddress: trustedAddress,
            claimedLogin: credentials.value?.login,
            authenticate: { log in
                if let authentication { return authentication }
                let result = credentials.value.map { check($0, log: &log) } ?? .deny
                authentication = result
                return result
            },
            groups: { groups(of: credentials.value?.login ?? "") },
            log: &log
        )
        switch result {
        case .allow:
            let login = authentication == .allow ? credentials.value?.login : nil
            return AccessDecision(outcome: .allow(login: login), log: log)
        case .deny:
            if credentials.failure == .tooLong {
                return AccessDecision(outcome: .badRequest(BasicCredentials.Failure.tooLong.description), log: log)
            }
            return AccessDecision(outcome: .challenge, log: log)
        case .error(let message):
            return AccessDecision(outcome: .error(message), log: log)
        }
    }

    /// Verifies the credentials of a request against the password file, for pages open to
    /// any account such as `server=debug` (auth.md §6); the caller checks the address first.
    /// - Parameter authorization: The `Authorization` header value, if any.
    /// - Returns: `allow` with the login, `challenge` for missing or wrong credentials,
    ///   `error` when the password file is unusable, `badRequest` for an oversized header.
    public func authenticate(authorization: String?) -> AccessDecision {
        var log: [String] = []
        let credentials = self.credentials(from: authorization, log: &log)
        guard let value = credentials.value else {
            if credentials.failure == .tooLong {
                return AccessDecision(outcome: .badRequest(BasicCredentials.Failure.tooLong.description), log: log)
            }
            return AccessDecision(outcome: .challenge, log: log)
        }
        switch check(value, log: &log) {
        case .allow: return AccessDecision(outcome: .allow(login: value.login), log: log)
        case .deny: return AccessDecision(outcome: .challenge, log: log)
        case .error(let message): return AccessDecision(outcome: .error(message), log: log)
        }
    }

    /// The credentials of the header, or why there are none.
    private func credentials(
        from header: String?, log: inout [String]
    ) -> (value: BasicCredentials?, failure: BasicCredentials.Failure?) {
        guard let header else { return (nil, nil) }
        do {
            return (try BasicCredentials(header: header), nil)
        } catch {
            log.append("Authorization: Authorization header ignored, \(error)")
            return (nil, error)
        }
    }

    /// Verifies a password against the password file (auth.md §4.2).
    private func check(_ credentials: BasicCredentials, log: inout [String]) -> AccessResult {
        guard let passwords else {
            let message = "Password file (USER_PASSWD) is not configured, missing or unreadable"
            log.append("Authorization: ERROR! \(message)")
            return .error(message)
        }
        if !passwords.malformedLines.isEmpty {
            let lines = passwords.malformedLines.map(String.init).joined(separator: ", ")
            log.append("Authorization: ERROR! Improperly formatted password file, line(s) \(lines) skipped")
        }
        if passwords.verify(password: credentials.password, for: credentials.login) {
            log.append("Authorization: User \(credentials.login) authenticated")
            return .allow
        }
        log.append("Authorization: Cipher match failure for user \(credentials.login)")
        return .deny
    }

    /// The groups of a login from the group file, or why the file is unusable.
    private func groups(of login: String) -> Result<[String], Das2CoreError> {
        guard let groupFile else {
            return .failure(
                Das2CoreError(.invalidConfiguration, "Group file (USER_GROUP) is not configured, missing or unreadable"))
        }
        do {
            return .success(try GroupFile(parsing: groupFile).groups(of: login))
        } catch {
            return .failure(error)
        }
    }
}
