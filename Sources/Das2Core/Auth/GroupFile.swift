/// The das2 group file (`USER_GROUP`, auth.md §5.2), laid out like Unix `/etc/group`:
/// `group:password:gid:member1,member2,…`.
///
/// Only the group name and the member list are used. Blank lines (and white space around a
/// line) are ignored; every other line must have exactly four `:`-separated fields and a
/// non-empty group name, or the whole file is unusable. Members are compared exactly, without
/// trimming; empty member names (`testgroup:::`) name nobody.
public struct GroupFile: Hashable, Sendable {
    /// One group line.
    public struct Group: Hashable, Sendable {
        /// The group name.
        public var name: String
        /// The member logins in file order.
        public var members: [String]

        /// Creates a group.
        /// - Parameters:
        ///   - name: The group name.
        ///   - members: The member logins.
        public init(name: String, members: [String]) {
            self.name = name
            self.members = members
        }
    }

    /// The groups in file order.
    public let groups: [Group]

    /// Parses the bytes of a group file.
    /// - Parameter bytes: The file contents, UTF-8.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` naming the first line that
    ///   is not UTF-8, does not have four fields or has an empty group name.
    public init(parsing bytes: [UInt8]) throws(Das2CoreError) {
        let text = TextLines(bytes)
        var groups: [Group] = []
        for (offset, range) in text.lines.enumerated() {
            let line = TextLines.trimmed(range, in: bytes)
            if line.isEmpty { continue }
            guard let content = String(validating: bytes[line], as: UTF8.self) else {
                throw Das2CoreError(.invalidConfiguration, "Group file line \(offset + 1) is not valid UTF-8")
            }
            let fields = content.unicodeScalars.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 4 else {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Expected 4 sections in each line of the group file, line \(offset + 1) has \(fields.count)")
            }
            guard !fields[0].isEmpty else {
                throw Das2CoreError(.invalidConfiguration, "Bad group name in the group file, line \(offset + 1)")
            }
            let members = fields[3].split(separator: ",").map { String($0) }
            groups.append(Group(name: String(fields[0]), members: members))
        }
        self.groups = groups
    }

    /// Creates a file from groups.
    /// - Parameter groups: The groups in order.
    public init(groups: [Group]) {
        self.groups = groups
    }

    /// The groups a login belongs to.
    /// - Parameter login: The login name, compared exactly.
    /// - Returns: The names of every group listing `login`, in file order.
    public func groups(of login: String) -> [String] {
        groups.filter { $0.members.contains { $0.hasSameScalars(as: login) } }.map(\.name)
    }
}
