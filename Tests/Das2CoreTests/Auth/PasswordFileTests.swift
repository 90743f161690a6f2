import Das2Core
import Testing

/// The `USER_PASSWD` file (auth.md §5.1) and the edits of `das2_srv_passwd` (§7).
struct PasswordFileTests {
    static func file(_ text: String) -> PasswordFile {
        PasswordFile(parsing: Array(text.utf8))
    }

    @Test("The shipped example verifies testuser/test")
    func shippedExample() {
        let file = Self.file("testuser:lLp764MZK2EPo\n")
        #expect(file.entries == [.init(login: "testuser", hash: "lLp764MZK2EPo")])
        #expect(file.verify(password: "test", for: "testuser"))
        #expect(!file.verify(password: "wrong", for: "testuser"))
        #expect(!file.verify(password: "test", for: "nobody"))
        #expect(!file.verify(password: "test", for: "TestUser"))
    }

    @Test("Blank lines and surrounding white space are ignored; CR LF and a BOM are accepted")
    func whitespace() {
        let file = Self.file("\u{FEFF}\n  testuser:lLp764MZK2EPo  \r\n\n\tbob:abNANd1rDfiNc\r\n")
        #expect(file.entries.map(\.login) == ["testuser", "bob"])
        #expect(file.verify(password: "secret", for: "bob"))
        #expect(file.malformedLines.isEmpty)
    }

    @Test("Lines without a colon are skipped and reported")
    func malformedLines() {
        let file = Self.file("garbage\ntestuser:lLp764MZK2EPo\nmore garbage\n")
        #expect(file.malformedLines == [1, 3])
        #expect(file.verify(password: "test", for: "testuser"))
    }

    @Test("Lines that are not UTF-8 are skipped and reported")
    func invalidUTF8() {
        let file = PasswordFile(parsing: Array("a:lLp764MZK2EPo\n".utf8) + [0xFF, 0x3A, 0x41, 0x0A])
        #expect(file.malformedLines == [2])
        #expect(file.entries.count == 1)
    }

    @Test("The hash is everything after the first colon")
    func hashKeepsColons() {
        #expect(Self.file("a:b:c").hashes(for: "a") == ["b:c"])
    }

    @Test("Every line for a login is tried")
    func everyLineTried() {
        let file = Self.file("bob:lLp764MZK2EPo\nbob:abNANd1rDfiNc\n")
        #expect(file.verify(password: "test", for: "bob"))
        #expect(file.verify(password: "secret", for: "bob"))
    }

    @Test("setHash replaces the first line for the login or appends one")
    func setHash() {
        var file = Self.file("a:1\nb:2\na:3\n")
        file.setHash("X", for: "a")
        file.setHash("Y", for: "c")
        #expect(file.serialized == Array("a:X\nb:2\na:3\nc:Y\n".utf8))
    }

    @Test("removeAll removes every line for the login")
    func removeAll() {
        var file = Self.file("a:1\nb:2\na:3\n")
        #expect(file.removeAll(login: "a") == 2)
        #expect(file.removeAll(login: "zz") == 0)
        #expect(file.serialized == Array("b:2\n".utf8))
    }

    @Test("An empty file serializes to nothing")
    func emptyFile() {
        #expect(PasswordFile().serialized.isEmpty)
        #expect(Self.file("").entries.isEmpty)
    }
}
