@testable import Das2Server
import Testing

/// SHA-256 and the text forms of digests (Content-Digest, entity tags).
struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownMessagesHaveTheirDigests(message: String, hex: String) {
        #expect(DigestText.hex(SHA256.hash(Array(message.utf8))) == hex)
    }

    @Test func feedingInPiecesGivesTheSameDigest() {
        let message = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 0, 127, 3000, 10_000] where start < message.count {
            let end = min(message.count, start + size)
            hasher.update(message[start..<end])
            start = end
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func oneMillionAs() {
        #expect(DigestText.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")])
    func base64FollowsRFC4648(text: String, encoded: String) {
        #expect(DigestText.base64(Array(text.utf8)) == encoded)
    }

    @Test func datesUseTheIMFFixdateForm() {
        #expect(HTTPDate.text(posixSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.posixSeconds(parsing: "Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.text(posixSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        for seconds: Int64 in stride(from: 0, to: 4_000_000_000, by: 12_345_678) {
            #expect(HTTPDate.posixSeconds(parsing: HTTPDate.text(posixSeconds: seconds)) == seconds)
        }
        #expect(HTTPDate.posixSeconds(parsing: "Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.posixSeconds(parsing: "Sun, 31 Feb 1994 08:49:37 GMT") == nil)
    }
}
