import Das2Examples
import FoundationEssentials

/// A bundled site installed in a fresh temporary directory, removed by ``remove()``.
struct SiteFixture {
    /// The temporary directory.
    let directory: String
    /// The site root: the directory itself, or a sub-directory of it.
    let root: String
    let configurationPath: String

    init(readerCommand: String = "das2-server example", directoryName: String? = nil) throws {
        let base = FileManager.default.temporaryDirectory.path
        let directory = base + "/das2-examples-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        self.directory = directory
        root = directoryName.map { directory + "/" + $0 } ?? directory
        configurationPath = try BundledSite.install(at: root, readerCommand: readerCommand)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    func bytes(_ relative: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            throw FixtureError("cannot read \(relative)")
        }
        return [UInt8](data)
    }

    func dsdf(_ name: String) throws -> DSDFLines {
        DSDFLines(try text("datasets/\(name).dsdf"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The one-line `key = value` lines of a DSDF as written in the file, for checks of its
/// literal text (BundledSiteParsingTests reads the files with the server's parser):
/// comments and continued values are skipped, one pair of surrounding quotes is removed.
struct DSDFLines {
    /// Keys in file order with their values.
    var entries: [(key: String, value: String)] = []

    init(_ text: String) {
        var continuing = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimming()
            defer { continuing = line.hasSuffix("$") }
            if continuing || line.isEmpty || line.hasPrefix(";") || line.hasSuffix("$") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimming()
            var value = line[line.index(after: equals)...].trimming()
            if let first = value.first, first == "'" || first == "\"", value.count >= 2, value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            entries.append((key, value))
        }
    }

    subscript(key: String) -> String? { entries.first { $0.key == key }?.value }

    /// The values of keys starting with `prefix`, in file order.
    func values(prefix: String) -> [String] { entries.filter { $0.key.hasPrefix(prefix) }.map(\.value) }

    /// The first `|` field of each `item_NN`.
    var itemIDs: [String] {
        values(prefix: "item_").map { $0.split(separator: "|")[0].trimming() }
    }

    /// The reader name: the last word of the `reader` value.
    var readerName: String? { self["reader"]?.split(separator: " ").last.map(String.init) }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `characters`.
    func trimming(_ characters: String = " \t") -> String {
        let kept = { (character: Character) in !characters.contains(character) }
        guard let first = firstIndex(where: kept), let last = lastIndex(where: kept) else { return "" }
        return String(self[first...last])
    }
}
