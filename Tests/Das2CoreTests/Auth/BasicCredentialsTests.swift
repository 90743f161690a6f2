import Das2Core
import Testing

/// `Authorization: Basic …` parsing (auth.md §4.1, DA-2).
struct BasicCredentialsTests {
    @Test(
        "Valid headers give login and password",
        arguments: [
            ("Basic dGVzdHVzZXI6dGVzdA==", "testuser", "test"),
            ("Basic dGVzdHVzZXI6d3Jvbmc=", "testuser", "wrong"),
            ("Basic bm9ib2R5OnRlc3Q=", "nobody", "test"),
            ("basic dGVzdHVzZXI6dGVzdA==", "testuser", "test"),
            ("BASIC  dGVzdHVzZXI6dGVzdA== ", "testuser", "test"),
            // "user:pa:ss" — the password keeps later colons.
            ("Basic dXNlcjpwYTpzcw==", "user", "pa:ss"),
            // "üser:pässwörd" in UTF-8.
            ("Basic w7xzZXI6cMOkc3N3w7ZyZA==", "üser", "pässwörd"),
            // ":secret" — an empty login.
            ("Basic OnNlY3JldHh4", "", "secretxx"),
            // "abcdefgh:" — an empty password.
            ("Basic YWJjZGVmZ2g6", "abcdefgh", ""),
        ])
    func validHeaders(header: String, login: String, password: String) throws {
        let credentials = try BasicCredentials(header: header)
        #expect(credentials == BasicCredentials(login: login, password: password))
    }

    @Test(
        "Malformed headers give a typed failure",
        arguments: [
            ("", BasicCredentials.Failure.notBasic),
            ("Basic", .notBasic),
            ("Basic YTpi", .notBasic),
            ("Bearer dGVzdHVzZXI6dGVzdA==", .notBasic),
            ("Digest username=\"testuser\"", .notBasic),
            ("BasicdGVzdHVzZXI6dGVzdA==", .notBasic),
            ("Basic ZZZZZZZZZZZZZZZZ", .invalidUTF8),
            ("Basic dGVzdHVzZXI6dGVzdA=", .invalidBase64),
            ("Basic dGVzdHVzZXI6dGVzdA", .invalidBase64),
            ("Basic dGVzdHVzZXI6dGVzdA===", .invalidBase64),
            ("Basic dGVzdHVz ZXI6dGVzdA==", .invalidBase64),
            ("Basic dGVzdHVzZXI6dGVzdB==", .invalidBase64),
            ("Basic dGVzdH=zZXI6dGVzdA==", .invalidBase64),
            ("Basic dGVzdHVzZXI6dGVzdA==\n", .invalidBase64),
            ("Basic dGVzdHVzZXItdGVzdA==", .missingColon),
            ("Basic //79/f79/f79", .invalidUTF8),
        ])
    func malformedHeaders(header: String, failure: BasicCredentials.Failure) {
        #expect(throws: failure) { try BasicCredentials(header: header) }
    }

    @Test("Headers over 4 KiB are refused before decoding")
    func oversizedHeader() {
        let header = "Basic " + String(repeating: "QUFB", count: 1023)
        #expect(header.utf8.count == 4098)
        #expect(throws: BasicCredentials.Failure.tooLong) { try BasicCredentials(header: header) }
    }

    @Test("A long header within the limit parses")
    func longHeaderWithinLimit() throws {
        let header = "Basic " + String(repeating: "QUFB", count: 1021) + "Ojpa"
        #expect(header.utf8.count <= BasicCredentials.maximumHeaderLength)
        let credentials = try BasicCredentials(header: header)
        #expect(credentials.login.count == 3063)
        #expect(credentials.password == ":Z")
    }

    @Test("The description never shows the password")
    func redactedDescription() throws {
        let credentials = try BasicCredentials(header: "Basic dGVzdHVzZXI6dGVzdA==")
        #expect(String(describing: credentials) == "testuser:(redacted)")
        #expect(String(reflecting: credentials) == "BasicCredentials(login: testuser, password: (redacted))")
    }
}
