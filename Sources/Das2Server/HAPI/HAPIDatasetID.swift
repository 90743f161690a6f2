/// A dataset id taken apart by the grammar of hapi.md §7.2.1, before the source is looked up.
struct HAPIDatasetID: Hashable, Sendable {
    /// The extension component.
    enum Extension: Hashable, Sendable {
        /// `x_bin-<res>`, the resolution suffix as written (`600s`, `250ms`).
        case bin(String)
        case availability
    }

    /// The DSDF source name.
    var name: String
    /// The components after the name: a sub-source id, then `pNN`, then an extension, as far
    /// as the source decides (``resolve(hasSubSources:)``).
    var components: [String]

    /// Splits an id; nil for a comma anywhere but in the legacy `NAME,SUB` alias, or an empty
    /// component (both are unknown ids, 1406).
    init?(_ text: String) {
        var text = text
        if let comma = text.firstIndex(of: ",") {
            // [DEV-H5] `NAME,SUB` is an alias of `NAME:SUB`; nothing else may hold a comma.
            let sub = text[text.index(after: comma)...]
            guard !text[..<comma].contains(":"), !sub.contains(":"), !sub.contains(",") else { return nil }
            text.replaceSubrange(comma...comma, with: ":")
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        self.name = name
        components = Array(parts.dropFirst())
    }

    /// What the components select once it is known whether the source has sub-sources: the
    /// sub-source id, the packet id of a `pNN` component, and the extension; nil when they do
    /// not follow the grammar.
    func resolve(hasSubSources: Bool) -> (subSource: String?, packet: Int?, extension: Extension?)? {
        var rest = components[...]
        var subSource: String?
        if hasSubSources {
            guard let first = rest.popFirst() else { return nil }
            subSource = first
        }
        var packet: Int?
        if let first = rest.first, first.count == 3, first.hasPrefix("p"), first.dropFirst().allSatisfy(\.isASCIIDigit),
            let id = Int(first.dropFirst()), (1...99).contains(id)
        {
            packet = id
            rest = rest.dropFirst()
        }
        var extensionComponent: Extension?
        if let first = rest.popFirst() {
            if first == "x_availability", packet == nil {
                extensionComponent = .availability
            } else if first.hasPrefix("x_bin-"), let suffix = Self.binSuffix(String(first.dropFirst("x_bin-".count))) {
                extensionComponent = .bin(suffix)
            } else {
                return nil
            }
        }
        guard rest.isEmpty else { return nil }
        return (subSource, packet, extensionComponent)
    }

    /// `1*DIGIT ("s" / "ms")`, returned as written.
    private static func binSuffix(_ text: String) -> String? {
        let digits = text.prefix { $0.isASCIIDigit }
        let unit = text.dropFirst(digits.count)
        return !digits.isEmpty && (unit == "s" || unit == "ms") ? text : nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
