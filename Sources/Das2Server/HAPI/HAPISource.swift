import Das2Cache
import Das2Core

/// A DSDF source offered through HAPI (hapi.md §7.1 rules 1–5), with its parts and what
/// decides whether and how it is listed.
struct HAPISource: Sendable {
    /// The source name (relative path without `.dsdf`).
    var name: String
    /// The DSDF file.
    var path: String
    /// The DSDF after `$(…)` substitution without request values.
    var dsdf: DSDF
    /// The parts: one per offerable sub-source, or the source itself.
    var parts: [HAPISourcePart]
    /// The access rule, nil for a public source.
    var readAccess: ReadAccess?
    /// Whether `/catalog` lists the source (§7.1: not hidden, not protected without `AGE:`).
    var isListed: Bool
    /// Identifies the state of every file the metadata depends on: the DSDF, the configuration
    /// and the `_dirinfo_.dsdf` files above the source (§7.8).
    var signature: String
    /// The newest modification time of those files, POSIX seconds.
    var newestModification: Int64

    /// Whether `/info` is public: no rule, or a rule with an `AGE:` condition (§7.6).
    var hasPublicDescription: Bool {
        readAccess.map(\.hasAgeCondition) ?? true
    }

    /// Whether the DSDF names a usable reducer (§8.1.1).
    var isReducible: Bool {
        guard let reducer = dsdf["reducer"] else { return true }
        return !["not_reducible", "not_reducable", "pre_reduced"].contains(reducer.trimmingCharacters { $0 == " " })
    }
}

/// Why a name is not a HAPI source.
enum HAPISourceProblem: Error, Sendable {
    /// Not a HAPI source: 1406.
    case notOffered
    /// A configuration or DSDF error: 1500 (the text goes to the log only).
    case misconfigured(String)
}

extension HAPISite {
    /// The HAPI source `name`, or why there is none.
    func source(named name: String) throws(HAPISourceProblem) -> HAPISource {
        guard !name.utf8.contains(UInt8(ascii: ":")), !name.utf8.contains(UInt8(ascii: ",")), let checked = try? QueryValidation.datasetName(name), checked == name,
            !name.containsBytes("_dirinfo_")
        else { throw .notOffered }
        guard let root = configuration.dsdfRoot else { throw .misconfigured("DSDF_ROOT not set in \(configuration.path)") }
        guard let (path, status) = context.state.sources.path(ofSource: name, root: root) else { throw .notOffered }
        let raw: DSDF
        do {
            raw = try context.state.sources.dsdf(at: path, name: name, status: status)
        } catch {
            throw .notOffered
        }
        return try source(name: name, path: path, raw: raw, status: status, root: root)
    }

    /// Every HAPI source below `DSDF_ROOT`, in name order; sources that fail the rules are left
    /// out, with the configuration problems in the log.
    func allSources() throws(HAPISourceProblem) -> [HAPISource] {
        guard let root = configuration.dsdfRoot else { throw .misconfigured("DSDF_ROOT not set in \(configuration.path)") }
        let tree = context.state.sources.tree(root: root, now: ServerState.monotonicNanoseconds())
        var sources: [HAPISource] = []
        for entry in tree.sources {
            guard let (path, status) = context.state.sources.path(ofSource: entry.relativePath, root: root) else { continue }
            do {
                sources.append(try source(name: entry.relativePath, path: path, raw: entry.dsdf, status: status, root: root))
            } catch {
                if case .misconfigured(let message) = error { context.log.log("   HAPI: \(entry.relativePath): \(message)") }
            }
        }
        return sources
    }

    private func source(name: String, path: String, raw: DSDF, status: FileSystem.Status, root: String) throws(HAPISourceProblem) -> HAPISource {
        guard !name.utf8.contains(UInt8(ascii: ":")), !name.utf8.contains(UInt8(ascii: ",")) else { throw .notOffered }
        var files = ["dsdf \(path) \(status.modified) \(status.size)"]
        var newest = status.modified
        if let configuration = FileSystem.status(configuration.path) {
            files.append("conf \(configuration.modified) \(configuration.size)")
            newest = max(newest, configuration.modified)
        }
        // Rule 2: no enclosing directory switches HAPI off.
        var directory = root
        let components = name.split(separator: "/").dropLast()
        for index in 0...components.count {
            if index > 0 { directory += "/" + components[index - 1] }
            let infoPath = directory + "/_dirinfo_.dsdf"
            guard let infoStatus = FileSystem.status(infoPath), infoStatus.isRegularFile else { continue }
            files.append("dir \(infoPath) \(infoStatus.modified) \(infoStatus.size)")
            newest = max(newest, infoStatus.modified)
            let relative = components.prefix(index).joined(separator: "/")
            let info = try? context.state.sources.dsdf(at: infoPath, name: (relative.isEmpty ? "" : relative + "/") + "_dirinfo_")
            if info?.hapiFlag("hapi") == false { throw .notOffered }
        }
        let dsdf: DSDF
        do {
            dsdf = try raw.substituted(thisFile: path, queryValue: { _ in nil }, configurationValue: { configuration[$0] })
        } catch {
            throw .misconfigured("\(name): \(error.message)")
        }
        // Rule 2: the hapi key, or HAPI_ALL_SOURCES for sources without one.
        if dsdf.contains("hapi") {
            guard dsdf.hapiFlag("hapi") == true else { throw .notOffered }
        } else {
            guard configuration.hapiAllSources else { throw .notOffered }
        }
        // Rules 3 and 4.
        guard dsdf.isTrue("das2Stream"), !dsdf.contains("rename"), dsdf["reader"] != nil else { throw .notOffered }
        if let server = dsdf["server"], !configuration.ignoreRedirect, Self.withoutSlash(server) != Self.withoutSlash(context.scriptURL) {
            throw .notOffered
        }
        // Rule 5 and the sub-source id rule of §7.2.1.
        let requiresInterval = dsdf.isTrue("requiresInterval")
        let subSources: [SubSource]
        do {
            subSources = try dsdf.subSources()
        } catch {
            throw .notOffered
        }
        var parts: [HAPISourcePart] = []
        if subSources.isEmpty {
            if !requiresInterval { parts.append(HAPISourcePart(name: name, subSource: nil, requiresInterval: false)) }
        } else {
            for subSource in subSources where HAPISourcePart.isOfferable(subSourceID: subSource.id) {
                parts.append(HAPISourcePart(name: name, subSource: subSource, requiresInterval: requiresInterval))
            }
        }
        guard !parts.isEmpty else { throw .notOffered }
        let access = ReadAccess(readAccess: dsdf["readAccess"], groupAccess: dsdf["groupAccess"])
        let protected = access.map { !$0.hasAgeCondition && !configuration.hapiListProtected } ?? false
        return HAPISource(
            name: name, path: path, dsdf: dsdf, parts: parts, readAccess: access,
            isListed: !dsdf.contains("hidden") && !protected,
            signature: DigestText.hex(SHA256.hash(Array(files.joined(separator: "\n").utf8)).prefix(16)),
            newestModification: newest / 1_000_000_000
        )
    }

    private static func withoutSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
