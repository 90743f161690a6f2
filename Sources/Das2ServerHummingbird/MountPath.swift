/// The URL path the das2 routes are mounted at, matched as the router's tree would match it.
struct MountPath: Sendable {
    /// The mount's non-empty components.
    private let components: [Substring]

    /// `path` is compared as text component by component; empty or `/` is the root, and
    /// leading and trailing slashes do not matter.
    init(_ path: String) {
        components = path.split(separator: "/")
    }

    /// A path at or below the mount.
    struct Match {
        /// The raw text from the first component after the mount to the last, what the
        /// router's `**` captures; nil for the mount path itself.
        var catchAll: Substring?
    }

    /// Whether `path` is the mount path or below it: the path's non-empty components start
    /// with the mount's, compared exactly.
    func match(_ path: String) -> Match? {
        // Walks the components without splitting the path into an array per request.
        let bytes = path.utf8
        var index = bytes.startIndex
        func nextComponent() -> Substring? {
            while index < bytes.endIndex, bytes[index] == UInt8(ascii: "/") { bytes.formIndex(after: &index) }
            guard index < bytes.endIndex else { return nil }
            let start = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "/") { bytes.formIndex(after: &index) }
            return path[start..<index]
        }
        for expected in components {
            guard let component = nextComponent(), component == expected else { return nil }
        }
        guard let first = nextComponent() else { return Match(catchAll: nil) }
        var last = first
        while let component = nextComponent() { last = component }
        return Match(catchAll: path[first.startIndex..<last.endIndex])
    }
}
