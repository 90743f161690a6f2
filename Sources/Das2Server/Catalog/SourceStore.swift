import Das2Cache
import Das2Core
import Synchronization

/// The DSDF files below `DSDF_ROOT`, parsed once and re-read when they change on disk, so an
/// operator's edits take effect without a restart.
///
/// Single files are checked with `stat` on every use (cheap); the walk of the whole tree used
/// by listings is repeated at most once per ``treeLifetime`` and re-parses only changed files.
final class SourceStore: Sendable {
    /// A parsed file and the file state it was parsed from.
    private struct Entry: Sendable {
        var status: FileSystem.Status
        var name: String
        var result: Result<DSDF, Das2CoreError>
    }

    /// One walk of the tree: every directory and DSDF file, relative paths with `/`.
    struct Tree: Sendable {
        struct Directory: Sendable {
            var relativePath: String
            var info: DSDF?
        }

        struct Source: Sendable {
            var relativePath: String
            var dsdf: DSDF
        }

        var directories: [Directory] = []
        var sources: [Source] = []
        var problems: [String] = []
        /// When this walk was made (monotonic nanoseconds); identifies it.
        var builtAt: Int64 = 0
    }

    private struct TreeCache: Sendable {
        var root: String
        var builtAt: Int64
        var tree: Tree
    }

    /// How long a walk of the tree is reused, in nanoseconds.
    let treeLifetime: Int64

    private let files = Mutex<[String: Entry]>([:])
    private let treeCache = Mutex<TreeCache?>(nil)
    private let answers = Mutex<(builtAt: Int64, bodies: [String: [UInt8]])>((-1, [:]))

    init(treeLifetime: Int64 = 1_000_000_000) {
        self.treeLifetime = treeLifetime
    }

    /// The DSDF file of a source: `ROOT/name` if that is a regular file, else `ROOT/name.dsdf`,
    /// with its file state.
    func path(ofSource name: String, root: String) -> (path: String, status: FileSystem.Status)? {
        let direct = root + "/" + name
        if let status = FileSystem.status(direct), status.isRegularFile { return (direct, status) }
        let withSuffix = direct + ".dsdf"
        if let status = FileSystem.status(withSuffix), status.isRegularFile { return (withSuffix, status) }
        return nil
    }

    /// The parsed file at `path`, named `name` in messages.
    func dsdf(at path: String, name: String, status known: FileSystem.Status? = nil) throws(Das2CoreError) -> DSDF {
        guard let status = known ?? FileSystem.status(path) else {
            throw Das2CoreError(.invalidConfiguration, "Cannot read \(name)")
        }
        if let entry = files.withLock({ $0[path] }), entry.status == status, entry.name == name {
            return try entry.result.get()
        }
        let result: Result<DSDF, Das2CoreError>
        if let bytes = FileSystem.readFile(path) {
            result = Result { () throws(Das2CoreError) in try DSDF(parsing: bytes, name: name) }
        } else {
            result = .failure(Das2CoreError(.invalidConfiguration, "Cannot read \(name)"))
        }
        files.withLock { $0[path] = Entry(status: status, name: name, result: result) }
        return try result.get()
    }

    /// The whole tree below `root` (a fresh walk when the last one is older than the lifetime).
    func tree(root: String, now: Int64) -> Tree {
        if let current = currentTree(root: root, now: now) { return current }
        var tree = Tree(builtAt: now)
        var visited = Set<[UInt64]>()
        walk(directory: root, relative: "", depth: 0, visited: &visited, into: &tree)
        treeCache.withLock { $0 = TreeCache(root: root, builtAt: now, tree: tree) }
        return tree
    }

    /// The last walk of the tree below `root` while it is younger than the lifetime, else nil
    /// (``tree(root:now:)`` would walk again).
    func currentTree(root: String, now: Int64) -> Tree? {
        treeCache.withLock { cache in
            guard let cache, cache.root == root, now - cache.builtAt < treeLifetime else { return nil }
            return cache.tree
        }
    }

    /// A response body computed from one walk of the tree (`list`, `discovery`), computed once
    /// per walk.
    func answer(_ key: String, for tree: Tree, make: () -> [UInt8]) -> [UInt8] {
        if let body = answers.withLock({ $0.builtAt == tree.builtAt ? $0.bodies[key] : nil }) { return body }
        let body = make()
        answers.withLock { answers in
            if answers.builtAt != tree.builtAt { answers = (tree.builtAt, [:]) }
            answers.bodies[key] = body
        }
        return body
    }

    /// The deepest directory level visited (server-protocol.md §3.2).
    static let maximumDepth = 20

    private func walk(directory: String, relative: String, depth: Int, visited: inout Set<[UInt64]>, into tree: inout Tree) {
        guard let status = FileSystem.status(directory), visited.insert([status.device, status.inode]).inserted else {
            return
        }
        guard let names = FileSystem.contents(ofDirectory: directory) else {
            tree.problems.append("Cannot read directory \(directory)")
            return
        }
        if !relative.isEmpty {
            let infoPath = directory + "/_dirinfo_.dsdf"
            let info = FileSystem.isRegularFile(infoPath) ? try? dsdf(at: infoPath, name: relative + "_dirinfo_") : nil
            tree.directories.append(.init(relativePath: relative, info: info))
        }
        for name in names.sorted() {
            let path = directory + "/" + name
            guard let entry = FileSystem.status(path) else { continue }
            if entry.isDirectory {
                guard depth + 1 < Self.maximumDepth else {
                    tree.problems.append("Directory \(path) is deeper than \(Self.maximumDepth) levels; skipped")
                    continue
                }
                walk(directory: path, relative: relative + name + "/", depth: depth + 1, visited: &visited, into: &tree)
            } else if entry.isRegularFile, name.lowercased().hasSuffix(".dsdf"), name != "_dirinfo_.dsdf" {
                let sourceName = relative + name.dropLast(5)
                do {
                    tree.sources.append(.init(relativePath: sourceName, dsdf: try dsdf(at: path, name: sourceName)))
                } catch {
                    tree.problems.append("Unparsable data source \(sourceName): \(error.message)")
                }
            }
        }
    }
}
