#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCrypt

/// `crypt(3)` password hashes (auth.md §4.2, §5.1), through libxcrypt's reentrant `crypt_rn`.
///
/// Every scheme the system's libcrypt supports verifies: traditional DES (13 characters,
/// only the first 8 password characters count), MD5 `$1$`, SHA-256 `$5$`, SHA-512 `$6$`,
/// bcrypt `$2b$`/`$2y$`/`$2a$` and yescrypt `$y$`. Apache's `$apr1$` is not a crypt scheme
/// and never verifies.
public enum PasswordHash {
    /// Whether a password matches a stored hash.
    ///
    /// The stored hash doubles as the setting (scheme and salt):
    /// `crypt(password, hash) == hash`, compared in constant time. A password or hash with a
    /// NUL character never matches, because C would see only the text before it.
    /// - Parameters:
    ///   - password: The password in the clear.
    ///   - hash: The stored hash, e.g. `lLp764MZK2EPo` or `$y$j9T$…`.
    /// - Returns: `true` when the password produces the hash.
    public static func verify(password: String, hash: String) -> Bool {
        guard let computed = crypt(password, setting: hash) else { return false }
        return constantTimeEqual(Array(computed.utf8), Array(hash.utf8))
    }

    /// Hashes a password with yescrypt (`$y$`), or SHA-512 crypt (`$6$`) when the library
    /// refuses yescrypt; never DES (auth.md §7, DA-5).
    ///
    /// The salt comes from the system's random source through `crypt_gensalt_rn` with the
    /// scheme's default cost.
    /// - Parameter password: The password in the clear.
    /// - Returns: The hash, ready for a `login:hash` line.
    /// - Throws: ``Das2CoreError`` with code `invalidRequest` when the password contains a NUL
    ///   character, `invalidConfiguration` when the library supports neither scheme.
    public static func make(password: String) throws(Das2CoreError) -> String {
        try make(password: password, schemes: ["$y$", "$6$"])
    }

    /// Hashes with the first scheme prefix the library accepts.
    static func make(password: String, schemes: [String]) throws(Das2CoreError) -> String {
        guard !password.utf8.contains(0) else {
            throw Das2CoreError(.invalidRequest, "A password must not contain a NUL character")
        }
        for scheme in schemes {
            guard let setting = salt(prefix: scheme), let hash = crypt(password, setting: setting),
                hash.hasPrefix(scheme)
            else { continue }
            return hash
        }
        throw Das2CoreError(
            .invalidConfiguration,
            "The system's crypt library supports none of the password schemes \(schemes.joined(separator: ", "))")
    }

    /// A random setting string for a scheme, or `nil` when the library does not support it.
    static func salt(prefix: String) -> String? {
        var output = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let count = Int32(output.count)
        // A nil random buffer makes libxcrypt read the system's random source itself.
        guard crypt_gensalt_rn(prefix, 0, nil, 0, &output, count) != nil else { return nil }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `crypt(phrase, setting)` through `crypt_rn`, or `nil` when the library rejects the
    /// setting or either string holds a NUL.
    static func crypt(_ phrase: String, setting: String) -> String? {
        guard !phrase.utf8.contains(0), !setting.utf8.contains(0), !setting.isEmpty else { return nil }
        let size = MemoryLayout<crypt_data>.size
        let data = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<crypt_data>.alignment)
        // crypt_rn needs zeroed state on first use; the scratch state is wiped before it is freed.
        data.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        defer {
            explicit_bzero(data, size)
            data.deallocate()
        }
        guard let result = crypt_rn(phrase, setting, data, Int32(size)) else { return nil }
        return String(cString: result)
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
