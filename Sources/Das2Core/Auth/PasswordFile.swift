/// The das2 password file (`USER_PASSWD`, auth.md §5.1): one `login:hash` line per account.
///
/// Blank lines are ignored and so is white space around a line. The hash is everything after
/// the first `:`. Lines without `:` (and lines that are not UTF-8) are skipped and listed in
/// ``malformedLines`` for the log. The same login may appear on several lines; every one of
/// them is tried when a password is checked.
public struct PasswordFile: Hashable, Sendable {
    /// One account line.
    public struct Entry: Hashable, Sendable {
        /// The login name, compared exactly.
        public var login: String
        /// The `crypt(3)` hash, which also holds the scheme and salt.
        public var hash: String

        /// Creates an entry.
        /// - Parameters:
        ///   - login: The login name.
        ///   - hash: The `crypt(3)` hash.
        public init(login: String, hash: String) {
            self.login = login
            self.hash = hash
        }
    }

    /// The accounts in file order.
    public private(set) var entries: [Entry]
    /// The 1-based numbers of the lines that were skipped as malformed.
    public private(set) var malformedLines: [Int]

    /// Parses the bytes of a password file.
    /// - Parameter bytes: The file contents.
    public init(parsing bytes: [UInt8]) {
        let text = TextLines(bytes)
        entries = []
        malformedLines = []
        for (offset, range) in text.lines.enumerated() {
            let line = TextLines.trimmed(range, in: bytes)
            if line.isEmpty { continue }
            guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")),
                let login = String(validating: bytes[line.lowerBound..<colon], as: UTF8.self),
                let hash = String(validating: bytes[(colon + 1)..<line.upperBound], as: UTF8.self)
            else {
                malformedLines.append(offset + 1)
                continue
            }
            entries.append(Entry(login: login, hash: hash))
        }
    }

    /// Creates a file from accounts.
    /// - Parameter entries: The accounts in order.
    public init(entries: [Entry] = []) {
        self.entries = entries
        malformedLines = []
    }

    /// The hashes stored for a login, in file order.
    /// - Parameter login: The login name, compared exactly (case-sensitive, no Unicode
    ///   normalization).
    /// - Returns: The hashes of every line for `login`; empty when there is none.
    public func hashes(for login: String) -> [String] {
        entries.filter { $0.login.hasSameScalars(as: login) }.map(\.hash)
    }

    /// Whether a password verifies against any line for the login (auth.md §4.2).
    /// - Parameters:
    ///   - password: The password in the clear.
    ///   - login: The login name.
    /// - Returns: `true` when one of the login's hashes verifies.
    public func verify(password: String, for login: String) -> Bool {
        hashes(for: login).contains { PasswordHash.verify(password: password, hash: $0) }
    }

    /// Sets the hash of an account: the first line for the login is changed, or a line is
    /// appended (the update of `das2_srv_passwd`, auth.md §7).
    /// - Parameters:
    ///   - hash: The new hash.
    ///   - login: The login name.
    public mutating func setHash(_ hash: String, for login: String) {
        if let index = entries.firstIndex(where: { $0.login.hasSameScalars(as: login) }) {
            entries[index].hash = hash
        } else {
            entries.append(Entry(login: login, hash: hash))
        }
    }

    /// Removes every line for a login.
    /// - Parameter login: The login name.
    /// - Returns: The number of lines removed.
    @discardableResult
    public mutating func removeAll(login: String) -> Int {
        let before = entries.count
        entries.removeAll { $0.login.hasSameScalars(as: login) }
        return before - entries.count
    }

    /// The file text: `login:hash` and LF per entry, in order.
    public var serialized: [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += entry.login.utf8
            bytes.append(UInt8(ascii: ":"))
            bytes += entry.hash.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
