#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Testing

/// Hashes made at test time by other tools (`openssl passwd`, `mkpasswd` from package whois,
/// Python's `crypt`) verify, and hashes made here verify in Python. A scheme whose tool is
/// absent is skipped with the reason; the fixed vectors of ``PasswordHashTests`` cover it.
struct ExternalHashTests {
    /// A shell command that prints a hash of `password`, and the tool it needs.
    struct Maker: Sendable, CustomStringConvertible {
        let tool: String
        let command: String
        let prefix: String
        var description: String { command }
    }

    static let password = "Das2 päss:word"
    static let quoted = "'Das2 päss:word'"

    static let opensslMakers: [Maker] = [
        Maker(tool: "openssl", command: "openssl passwd -1 \(quoted)", prefix: "$1$"),
        Maker(tool: "openssl", command: "openssl passwd -5 \(quoted)", prefix: "$5$"),
        Maker(tool: "openssl", command: "openssl passwd -6 \(quoted)", prefix: "$6$"),
    ]

    static let mkpasswdMakers: [Maker] = [
        Maker(tool: "mkpasswd", command: "mkpasswd -m yescrypt \(quoted)", prefix: "$y$"),
        Maker(tool: "mkpasswd", command: "mkpasswd -m bcrypt \(quoted)", prefix: "$2b$"),
        Maker(tool: "mkpasswd", command: "mkpasswd -m bcrypt-a \(quoted)", prefix: "$2a$"),
        Maker(tool: "mkpasswd", command: "mkpasswd -m sha256crypt \(quoted)", prefix: "$5$"),
        Maker(tool: "mkpasswd", command: "mkpasswd -m md5crypt \(quoted)", prefix: "$1$"),
        Maker(tool: "mkpasswd", command: "mkpasswd -m descrypt \(quoted)", prefix: ""),
    ]

    static let pythonMakers: [Maker] = [
        Maker(tool: "python3", command: pythonCrypt("crypt.mksalt(crypt.METHOD_BLOWFISH)"), prefix: "$2b$"),
        Maker(tool: "python3", command: pythonCrypt("crypt.mksalt(crypt.METHOD_SHA512)"), prefix: "$6$"),
        Maker(tool: "python3", command: pythonCrypt("crypt.mksalt(crypt.METHOD_CRYPT)"), prefix: ""),
    ]

    static let hasOpenSSL = toolExists("openssl")
    static let hasMkpasswd = toolExists("mkpasswd")
    /// Python's `crypt` module was removed in Python 3.13.
    static let hasPythonCrypt = run("python3 -W ignore -c 'import crypt; print(1)'") == "1"

    static func pythonCrypt(_ salt: String) -> String {
        "python3 -W ignore -c 'import crypt; print(crypt.crypt(\"Das2 päss:word\", \(salt)))'"
    }

    /// Runs a shell command and returns its first output line, or `nil` when it fails.
    static func run(_ command: String) -> String? {
        guard let pipe = popen(command + " 2>/dev/null", "r") else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count == 0 { break }
            output += buffer[0..<count]
        }
        guard pclose(pipe) == 0 else { return nil }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }

    static func toolExists(_ tool: String) -> Bool {
        run("command -v \(tool)") != nil
    }

    static func check(_ maker: Maker) throws {
        let hash = try #require(Self.run(maker.command), "\(maker.command) failed")
        #expect(hash.hasPrefix(maker.prefix))
        #expect(PasswordHash.verify(password: Self.password, hash: hash), "\(hash)")
        #expect(!PasswordHash.verify(password: "x" + Self.password, hash: hash), "\(hash)")
    }

    @Test(
        "Hashes made by openssl passwd verify",
        .enabled(if: hasOpenSSL, "openssl is not installed; fixed vectors cover MD5 and SHA crypt"),
        arguments: opensslMakers)
    func opensslHashVerifies(_ maker: Maker) throws {
        try Self.check(maker)
    }

    @Test(
        "Hashes made by mkpasswd verify",
        .enabled(if: hasMkpasswd, "mkpasswd (package whois) is not installed; fixed vectors cover its schemes"),
        arguments: mkpasswdMakers)
    func mkpasswdHashVerifies(_ maker: Maker) throws {
        try Self.check(maker)
    }

    @Test(
        "Hashes made by Python's crypt verify",
        .enabled(if: hasPythonCrypt, "python3 with the crypt module is not installed"),
        arguments: pythonMakers)
    func pythonHashVerifies(_ maker: Maker) throws {
        try Self.check(maker)
    }

    @Test(
        "Hashes made here verify in Python's crypt",
        .enabled(if: hasPythonCrypt, "python3 with the crypt module is not installed"))
    func ownHashVerifiesElsewhere() throws {
        let hash = try PasswordHash.make(password: Self.password)
        let script = "import crypt, sys; print(crypt.crypt(\"Das2 päss:word\", sys.argv[1]) == sys.argv[1])"
        #expect(Self.run("python3 -W ignore -c '\(script)' '\(hash)'") == "True")
    }
}
