import Das2Core
import Testing

/// The `USER_GROUP` file (auth.md §5.2).
struct GroupFileTests {
    static func file(_ text: String) throws -> GroupFile {
        try GroupFile(parsing: Array(text.utf8))
    }

    @Test("The shipped example puts testuser in testgroup")
    func shippedExample() throws {
        let file = try Self.file("testgroup:::testuser\n")
        #expect(file.groups(of: "testuser") == ["testgroup"])
        #expect(file.groups(of: "nobody").isEmpty)
    }

    @Test("A user may be in several groups; members compare exactly, without trimming")
    func severalGroups() throws {
        let file = try Self.file("a:x:1:bob,carol\n\n  b:::carol, bob\nc:::Bob\nd:::\n")
        #expect(file.groups(of: "bob") == ["a"])
        #expect(file.groups(of: "carol") == ["a", "b"])
        #expect(file.groups(of: " bob") == ["b"])
        #expect(file.groups(of: "Bob") == ["c"])
        #expect(file.groups(of: "").isEmpty)
    }

    @Test("Every line needs exactly four fields", arguments: ["g::testuser", "g:::a:b", "g", "ok:::a\nbad::"])
    func wrongFieldCount(text: String) {
        #expect(throws: Das2CoreError.self) { try Self.file(text) }
    }

    @Test("An empty group name is an error")
    func emptyGroupName() {
        #expect(throws: Das2CoreError.self) { try Self.file(":::testuser") }
    }

    @Test("A bad line anywhere makes the whole file unusable")
    func badLineAnywhere() {
        #expect(throws: Das2CoreError.self) { try Self.file("testgroup:::testuser\nbroken\n") }
    }

    @Test("Bytes that are not UTF-8 are an error")
    func invalidUTF8() {
        #expect(throws: Das2CoreError.self) { try GroupFile(parsing: [0x67, 0x3A, 0x3A, 0x3A, 0xFF]) }
    }
}
