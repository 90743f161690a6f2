@testable import Das2Core
import Testing

/// The scheme fallback of `PasswordHash.make` (auth.md §7 step 6): SHA-512 crypt when the
/// library refuses yescrypt; never DES.
struct PasswordHashFallbackTests {
    @Test("An unsupported first scheme falls back to SHA-512 crypt")
    func fallsBackToSHA512() throws {
        let hash = try PasswordHash.make(password: "test", schemes: ["$unsupported$", "$6$"])
        #expect(hash.hasPrefix("$6$"))
        #expect(PasswordHash.verify(password: "test", hash: hash))
    }

    @Test("No supported scheme is an error, not a DES hash")
    func noSchemeIsAnError() {
        #expect(throws: Das2CoreError.self) { try PasswordHash.make(password: "test", schemes: ["$unsupported$"]) }
    }

    @Test("Salts come from the library's generator and differ each time")
    func saltsAreRandom() throws {
        let salts = (0..<20).compactMap { _ in PasswordHash.salt(prefix: "$6$") }
        #expect(salts.count == 20)
        #expect(Set(salts).count == 20)
        #expect(PasswordHash.salt(prefix: "$unsupported$") == nil)
    }

    @Test("Constant-time comparison compares every byte")
    func constantTimeEquality() {
        #expect(PasswordHash.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!PasswordHash.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!PasswordHash.constantTimeEqual(Array("abc".utf8), Array("ab".utf8)))
        #expect(PasswordHash.constantTimeEqual([], []))
    }
}
