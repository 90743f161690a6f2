import Das2Core

// `server=list` and `server=discovery` (server-protocol.md §3.2, §3.3).
extension RequestContext {
    /// The sources of the tree, minus what the request cannot see, after logging walk problems.
    func sourceTree() throws(Das2ServerError) -> SourceStore.Tree {
        // The request's own instant: `Route.answersFromMemory` found the walk current then.
        let tree = state.sources.tree(root: try dsdfRoot(), now: startedAt)
        for problem in tree.problems { log.log("   \(problem)") }
        return tree
    }

    func listSources() throws(Das2ServerError) -> Das2Response {
        let tree = try sourceTree()
        let body = state.sources.answer("list", for: tree) { Array(Self.listing(tree).utf8) }
        return bytesResponse(body, contentType: CommonHeaders.plainText, cors: true)
    }

    private static func listing(_ tree: SourceStore.Tree) -> String {
        var candidates: [(path: String, description: String?, isSource: Bool)] = []
        for directory in tree.directories {
            candidates.append((directory.relativePath, directory.info?["description"], false))
        }
        for source in tree.sources where !source.dsdf.contains("hidden") && !source.dsdf.contains("rename") {
            candidates.append((source.relativePath, source.dsdf["description"], true))
        }
        candidates.sort { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        var lines = ""
        for (index, candidate) in candidates.enumerated() {
            if !candidate.isSource {
                // A directory is listed only when some listed source lies below it.
                let below = candidates[(index + 1)...].contains { $0.isSource && $0.path.hasPrefix(candidate.path) }
                guard below else { continue }
            }
            lines += Self.entryLine(candidate.path, candidate.description)
        }
        return lines
    }

    func discoverSources() throws(Das2ServerError) -> Das2Response {
        let tree = try sourceTree()
        let body = state.sources.answer("discovery", for: tree) { Array(Self.discovery(tree).utf8) }
        return bytesResponse(body, contentType: CommonHeaders.plainText, cors: true)
    }

    private static func discovery(_ tree: SourceStore.Tree) -> String {
        var lines = Set<String>()
        for source in tree.sources {
            let directory = source.relativePath.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            // The reference rule: skip when "<relative directory>/" contains "/test/".
            if (directory + "/").containsBytes("/test/") { continue }
            if source.dsdf.contains("rename") { continue }
            guard source.dsdf.keys.contains(where: { $0.hasPrefix("exampleRange") }) else { continue }
            lines.insert(Self.entryLine(source.relativePath, source.dsdf["description"]))
            if !directory.isEmpty { lines.insert(directory + "/\r\n") }
        }
        return lines.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.joined()
    }

    private static func entryLine(_ path: String, _ description: String?) -> String {
        if let description, !description.isEmpty { return "\(path)|\(description)\r\n" }
        return "\(path)\r\n"
    }
}
