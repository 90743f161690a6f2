import Das2TestSupport

// conformance-cases.md §6: authorization (C69–C82, C135).
extension ConformanceCase {
    static let auth = "server=dataset&dataset=Examples/Auth&start_time=2017-01-01&end_time=2017-01-02"
    static let age2099 = "server=dataset&dataset=Examples/Age&start_time=2099-01-01&end_time=2099-01-02"

    /// 401 with this realm, empty body, no Content-Type, reader not run.
    static func challenge(_ realm: String) -> [Check] {
        [
            .status(401), .reason("Authorization Required"), .header("WWW-Authenticate", "Basic realm=\"\(realm)\""), .emptyBody, .noHeader("Content-Type"),
            .notRun("probe_rdr"),
        ]
    }

    static let authData = Check.dataHeaders(d2s, "attachment", "Auth_2017-01-01_2017-01-02.d2s") + [
        probeStream, .argv("probe_rdr", ["2017-01-01", "2017-01-02"]),
    ]

    static let authorization: [ConformanceCase] = [
        ConformanceCase("C69", "challenge", .query(auth), challenge("My Random Data Realm")),
        ConformanceCase("C70", "group member", CaseRequest.query(auth).authorized(Credentials.testUser), authData),
        ConformanceCase("C71", "wrong password", CaseRequest.query(auth).authorized(Credentials.wrongPassword), challenge("My Random Data Realm")),
        ConformanceCase("C72", "unknown user", CaseRequest.query(auth).authorized(Credentials.unknownUser), challenge("My Random Data Realm")),
        ConformanceCase("C73", "trusted host", CaseRequest.query(auth).fromTrustedAddress, authData),
        ConformanceCase("C74", "missing password file",
            CaseRequest.query(auth).authorized(Credentials.testUser).with(.init(missingPasswordFile: true)), [
                .status(501), .reason("Internal Server Error"), .emptyBody, .notRun("probe_rdr"),
            ]),
        ConformanceCase("C75", "old data is public",
            .query("server=dataset&dataset=Examples/Age&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(200), .argv("probe_rdr", ["2017-01-01", "2017-01-02"]),
            ]),
        ConformanceCase("C76", "new data needs the user", .query(age2099), challenge("/das/server/Examples/Age")),
        ConformanceCase("C77", "user condition", CaseRequest.query(age2099).authorized(Credentials.testUser), [
            .status(200), .argv("probe_rdr", ["2099-01-01", "2099-01-02"]),
        ]),
        ConformanceCase("C78", "AGE with time.min and time.max",
            .query("server=dataset&dataset=Examples/Age&time.min=2017-01-01&time.max=2017-01-02"), [
                .status(200), .argv("probe_rdr", ["2017-01-01", "2017-01-02"]),
            ]),
        ConformanceCase("C79", "invalid age",
            .query("server=dataset&dataset=Examples/AgeBad&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(501), .reason("Internal Server Error"), .emptyBody, .notRun("probe_rdr"),
            ]),
        ConformanceCase("C80", "unknown method",
            .query("server=dataset&dataset=Examples/BadMeth&start_time=2017-01-01&end_time=2017-01-02"), [
                .status(501), .reason("Internal Server Error"), .notRun("probe_rdr"),
            ]),
        ConformanceCase("C81", "debug requires a trusted address and a real account", steps: [
            Step(request: CaseRequest.query("server=debug").authorized(Credentials.testUser), checks: [
                .status(403), .exception("Forbidden"),
            ]),
            Step(request: CaseRequest.query("server=debug").authorized("Basic ZZZZZZZZZZZZZZZZ").fromTrustedAddress, checks: [
                .status(401), .reason("Authorization Required"), .header("WWW-Authenticate", "Basic realm=\"Das2 Server\""),
            ]),
        ]),
        ConformanceCase("C82", "debug page", CaseRequest.query("server=debug").authorized(Credentials.testUser).fromTrustedAddress, [
            .status(200), .contentType("text/html; charset=utf-8"),
            .bodyContains("SITE_NAME = Test Site", "login = testuser"), .bodyLacks("dGVzdHVzZXI6dGVzdA==", "lLp764MZK2EPo"),
        ]),
        ConformanceCase("C135", "metadata stays public", steps: [
            Step(request: .query("server=dsdf&dataset=Examples/Auth"), checks: [
                .status(200), .noHeader("WWW-Authenticate"), .bodyLacks("readAccess", "reader", "reducer"),
            ]),
            Step(request: .query("server=source&dataset=Examples/Auth"), checks: [
                .status(200), .noHeader("WWW-Authenticate"), .bodyLacks("readAccess", "reader", "reducer"),
            ]),
        ]),
    ]
}
