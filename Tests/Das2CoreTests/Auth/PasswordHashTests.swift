import Das2Core
import Testing

/// `crypt(3)` verification and hashing (auth.md §4.2, §5.1; conformance case C130).
struct PasswordHashTests {
    /// A password and the hash libcrypt must reproduce from it.
    struct Vector: Sendable, CustomStringConvertible {
        let password: String
        let hash: String
        var description: String { hash }
    }

    /// C130 and one published or cross-checked vector per scheme: DES and MD5 from auth.md,
    /// SHA-256/512 from Drepper's specification, bcrypt from the OpenBSD/Openwall tests
    /// (`U*U`), yescrypt made by `mkpasswd -m yescrypt`.
    static let vectors: [Vector] = [
        Vector(password: "test", hash: "lLp764MZK2EPo"),
        Vector(password: "secret", hash: "abNANd1rDfiNc"),
        Vector(password: "test", hash: "$1$saltsalt$tTWg0JeO/sYmHvtKmZE8c."),
        Vector(password: "Hello world!", hash: "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"),
        Vector(
            password: "Hello world!",
            hash: "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"),
        Vector(password: "password", hash: "$5$rounds=5000$toolongsaltstrin$AqIYMzL1pTg3CdcReUVWtv.S.SUIxbVqiKsYpVZs3q9"),
        Vector(
            password: "pässwörd",
            hash: "$6$abc$wXvLgMChht3U87i888StiQy1W/EK2Ge3H6rxIRM8l0prwhG1icmLmgEOcYMiXbSth/t5JyRjjVGbqvVEQ7j9n/"),
        Vector(password: "U*U", hash: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        Vector(password: "U*U", hash: "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        Vector(password: "U*U", hash: "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        Vector(password: "test", hash: "$y$j9T$Hr3Newi2nFTt9TVWkG4zf/$QLqkLo1cr4XlBMbgqOdNppjmXhDgcc8aabaPsbK42G7"),
    ]

    @Test("Fixed vectors of every scheme verify", arguments: vectors)
    func fixedVectorVerifies(_ vector: Vector) {
        #expect(PasswordHash.verify(password: vector.password, hash: vector.hash))
    }

    @Test("A wrong password does not verify", arguments: vectors)
    func wrongPasswordFails(_ vector: Vector) {
        #expect(!PasswordHash.verify(password: vector.password + "x", hash: vector.hash))
        #expect(!PasswordHash.verify(password: "", hash: vector.hash))
    }

    @Test("A changed hash does not verify", arguments: vectors)
    func changedHashFails(_ vector: Vector) {
        var bytes = Array(vector.hash.utf8)
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(!PasswordHash.verify(password: vector.password, hash: String(decoding: bytes, as: UTF8.self)))
        #expect(!PasswordHash.verify(password: vector.password, hash: vector.hash + "x"))
    }

    @Test("The DES salt alone, as a setting, is not a stored hash")
    func saltAloneFails() {
        #expect(!PasswordHash.verify(password: "test", hash: "lL"))
    }

    @Test("DES counts only the first 8 characters")
    func desTruncates() {
        let hash = "abNANd1rDfiNc"
        #expect(PasswordHash.verify(password: "secret", hash: hash))
        #expect(!PasswordHash.verify(password: "secre", hash: hash))
        #expect(PasswordHash.verify(password: "12345678", hash: "ab1iBa.N.U2C6"))
        #expect(PasswordHash.verify(password: "123456789 and more", hash: "ab1iBa.N.U2C6"))
    }

    @Test(
        "Unsupported or empty hashes never verify",
        arguments: ["", "*", "!", "!lLp764MZK2EPo", "$apr1$salt$hash", "$9$x$y", "lLp764MZK2EP"])
    func unusableHashes(hash: String) {
        #expect(!PasswordHash.verify(password: "test", hash: hash))
        #expect(!PasswordHash.verify(password: "", hash: hash))
    }

    @Test("A NUL in the password never verifies, so it cannot cut the password short")
    func nulInPassword() {
        #expect(!PasswordHash.verify(password: "test\u{0}anything", hash: "lLp764MZK2EPo"))
        #expect(!PasswordHash.verify(password: "test", hash: "lLp764MZK2EPo\u{0}junk"))
    }

    @Test("make produces yescrypt with a fresh salt each time, and it verifies")
    func makeYescrypt() throws {
        let first = try PasswordHash.make(password: "test")
        let second = try PasswordHash.make(password: "test")
        #expect(first.hasPrefix("$y$"))
        #expect(first != second)
        #expect(PasswordHash.verify(password: "test", hash: first))
        #expect(PasswordHash.verify(password: "test", hash: second))
        #expect(!PasswordHash.verify(password: "tesT", hash: first))
    }

    @Test("make hashes non-ASCII and long passwords in full")
    func makeNonASCII() throws {
        let long = String(repeating: "ü", count: 200)
        let hash = try PasswordHash.make(password: long)
        #expect(PasswordHash.verify(password: long, hash: hash))
        #expect(!PasswordHash.verify(password: String(long.dropLast()), hash: hash))
    }

    @Test("make refuses a password with a NUL")
    func makeRefusesNUL() {
        #expect(throws: Das2CoreError.self) { try PasswordHash.make(password: "a\u{0}b") }
    }
}
