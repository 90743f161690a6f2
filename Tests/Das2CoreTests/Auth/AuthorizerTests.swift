import Das2Core
import Testing

/// The server's authorization call (auth.md §3–§6) on the fixture of conformance-cases.md §0
/// and §6 (C69–C80): `testuser`/`test` in `testgroup`, `TEST_FROM = 127.0.0.1`, client
/// `10.0.0.5`.
struct AuthorizerTests {
    static let passwd = Array("testuser:lLp764MZK2EPo\n".utf8)
    static let group = Array("testgroup:::testuser\n".utf8)
    static let good = "Basic dGVzdHVzZXI6dGVzdA=="
    static let wrong = "Basic dGVzdHVzZXI6d3Jvbmc="
    static let nobody = "Basic bm9ib2R5OnRlc3Q="
    static let client = "10.0.0.5"
    static let now = DasTime(year: 2025, month: 6, mday: 15)
    static let auth = ReadAccess(readAccess: "GROUP:testgroup", groupAccess: nil)
    static let age = ReadAccess(readAccess: "AGE:1y6m|USER:testuser", groupAccess: nil)
    static let old = (DasTime(year: 2017, month: 1, mday: 1), DasTime(year: 2017, month: 1, mday: 2))
    static let new = (DasTime(year: 2099, month: 1, mday: 1), DasTime(year: 2099, month: 1, mday: 2))

    static func authorize(
        _ access: ReadAccess?, header: String? = nil, address: String = client,
        range: (DasTime, DasTime)? = old, passwd: [UInt8]? = passwd, group: [UInt8]? = group
    ) -> AccessDecision {
        Authorizer(testFrom: ["127.0.0.1"], passwordFile: passwd, groupFile: group).authorize(
            access, authorization: header, clientAddress: address, begin: range?.0, end: range?.1, now: now)
    }

    static func isError(_ decision: AccessDecision) -> Bool {
        if case .error = decision.outcome { true } else { false }
    }

    @Test("C69: no credentials → challenge")
    func challenge() {
        #expect(Self.authorize(Self.auth).outcome == .challenge)
    }

    @Test("C70: group member → allow with the login")
    func groupMember() {
        let decision = Self.authorize(Self.auth, header: Self.good)
        #expect(decision.outcome == .allow(login: "testuser"))
        #expect(decision.log.contains("Authorization: User testuser authenticated"))
    }

    @Test("C71: wrong password → challenge, logged as a cipher mismatch")
    func wrongPassword() {
        let decision = Self.authorize(Self.auth, header: Self.wrong)
        #expect(decision.outcome == .challenge)
        #expect(decision.log.contains("Authorization: Cipher match failure for user testuser"))
    }

    @Test("C72: unknown user → challenge")
    func unknownUser() {
        #expect(Self.authorize(Self.auth, header: Self.nobody).outcome == .challenge)
    }

    @Test("C73: trusted host without credentials → allow")
    func trustedHost() {
        let decision = Self.authorize(Self.auth, address: "127.0.0.1")
        #expect(decision.outcome == .allow(login: nil))
        #expect(decision.log.contains("Authorization: Host 127.0.0.1 allowed access"))
        #expect(Self.authorize(Self.auth, address: "::ffff:127.0.0.1").outcome == .allow(login: nil))
    }

    @Test("C74: missing password file → error (501)")
    func missingPasswordFile() {
        #expect(Self.isError(Self.authorize(Self.auth, header: Self.good, passwd: nil)))
    }

    @Test("Missing password file without credentials is still a challenge: nothing to verify")
    func missingPasswordFileNoCredentials() {
        #expect(Self.authorize(Self.auth, passwd: nil).outcome == .challenge)
    }

    @Test("Missing or broken group file → error once the password verified")
    func groupFileProblems() {
        #expect(Self.isError(Self.authorize(Self.auth, header: Self.good, group: nil)))
        #expect(Self.isError(Self.authorize(Self.auth, header: Self.good, group: Array("broken\n".utf8))))
        #expect(Self.authorize(Self.auth, header: Self.wrong, group: nil).outcome == .challenge)
    }

    @Test("C75: old data is public under AGE")
    func oldDataPublic() {
        #expect(Self.authorize(Self.age).outcome == .allow(login: nil))
    }

    @Test("C76: new data needs the user")
    func newDataChallenged() {
        #expect(Self.authorize(Self.age, range: Self.new).outcome == .challenge)
    }

    @Test("C77: the user condition admits testuser")
    func userCondition() {
        #expect(Self.authorize(Self.age, header: Self.good, range: Self.new).outcome == .allow(login: "testuser"))
        #expect(Self.authorize(Self.age, header: Self.wrong, range: Self.new).outcome == .challenge)
    }

    @Test("A USER condition for another login denies without touching the password file")
    func userMismatchNeedsNoFile() {
        let rule = ReadAccess(parsing: "USER:someone")
        let decision = Self.authorize(rule, header: Self.good, passwd: nil)
        #expect(decision.outcome == .challenge)
        #expect(decision.log.contains("Authorization: Username mismatch"))
    }

    @Test("C79, C80: invalid age and unknown method → error; trusted hosts pass them")
    func configurationErrors() {
        for rule in ["AGE:18", "HOST:1.2.3.4"] {
            #expect(Self.isError(Self.authorize(ReadAccess(parsing: rule))))
            #expect(Self.authorize(ReadAccess(parsing: rule), address: "127.0.0.1").outcome == .allow(login: nil))
        }
    }

    @Test("An error in an early condition wins over a later AGE that would allow")
    func earlyErrorWins() {
        let rule = ReadAccess(parsing: "GROUP:testgroup|AGE:1y")
        #expect(Self.isError(Self.authorize(rule, header: Self.good, passwd: nil)))
        #expect(Self.authorize(rule, passwd: nil).outcome == .allow(login: nil))
    }

    @Test("Public sources allow without reading anything")
    func publicSource() {
        #expect(Self.authorize(nil, passwd: nil, group: nil).outcome == .allow(login: nil))
        #expect(Self.authorize(ReadAccess(parsing: ""), passwd: nil).outcome == .allow(login: nil))
    }

    @Test("Malformed headers count as no credentials (DA-2): challenge, never an error")
    func malformedHeaders() {
        for header in ["Basic ZZZZZZZZZZZZZZZZ", "Basic !!!!!!!!!!!!", "Bearer abcdefghijklmnop", "Basic dGVzdHVzZXItdGVzdA=="] {
            #expect(Self.authorize(Self.auth, header: header).outcome == .challenge, "\(header)")
        }
    }

    @Test("An oversized header on a refused request is a bad request; on an allowed one it does not matter")
    func oversizedHeader() {
        let header = "Basic " + String(repeating: "A", count: 5000)
        guard case .badRequest = Self.authorize(Self.auth, header: header).outcome else {
            Issue.record("expected a bad request")
            return
        }
        #expect(Self.authorize(Self.age, header: header).outcome == .allow(login: nil))
    }

    @Test("The password is verified once however many conditions need it")
    func verifiedOnce() {
        let rule = ReadAccess(parsing: "USER:testuser|GROUP:nothere|GROUP:testgroup")
        let denied = Self.authorize(ReadAccess(parsing: "GROUP:a|GROUP:b|USER:testuser"), header: Self.wrong)
        #expect(denied.outcome == .challenge)
        #expect(denied.log.filter { $0.contains("Cipher match failure") }.count == 1)
        #expect(Self.authorize(rule, header: Self.good).outcome == .allow(login: "testuser"))
    }

    @Test("Log lines never contain the password or the stored hash")
    func logsAreClean() {
        for header in [Self.good, Self.wrong] {
            let log = Self.authorize(Self.auth, header: header).log.joined(separator: "\n")
            #expect(!log.contains("lLp764MZK2EPo"))
            #expect(!log.contains("wrong") && !log.contains(":test"))
            #expect(!log.contains("dGVzdHVzZXI6"))
        }
    }

    @Test("Debug-page authentication: any account whose password verifies (auth.md §6, C81)")
    func debugAuthentication() {
        let authorizer = Authorizer(testFrom: ["127.0.0.1"], passwordFile: Self.passwd, groupFile: nil)
        #expect(authorizer.trustedAddresses.matches("127.0.0.1"))
        #expect(!authorizer.trustedAddresses.matches(Self.client))
        #expect(authorizer.authenticate(authorization: Self.good).outcome == .allow(login: "testuser"))
        #expect(authorizer.authenticate(authorization: "Basic ZZZZZZZZZZZZZZZZ").outcome == .challenge)
        #expect(authorizer.authenticate(authorization: Self.wrong).outcome == .challenge)
        #expect(authorizer.authenticate(authorization: nil).outcome == .challenge)
        let noFile = Authorizer(testFrom: [], passwordFile: nil, groupFile: nil)
        #expect(Self.isError(noFile.authenticate(authorization: Self.good)))
    }
}
