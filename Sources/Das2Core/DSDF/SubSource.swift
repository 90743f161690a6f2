/// One HAPI sub-source of a data source: a DSDF `subSource_NN` key (dsdf.md §4.4).
///
/// The value is `ID | DESCRIPTION [| RES_OR_INTERVAL [| READER_PARAMS]]`. HAPI offers a source
/// with sub-sources only through them, as `<source name>:<ID>` (hapi.md §7.2).
public struct SubSource: Hashable, Sendable {
    /// The key the sub-source comes from, e.g. `subSource_01`.
    public var key: String
    /// The sub-source id (first field).
    public var id: String
    /// The description (second field).
    public var description: String
    /// The third field as written, trimmed (empty when absent); readers and reducers receive
    /// this text verbatim.
    public var resolutionText: String
    /// The third field as a number: the resolution in seconds (0 = intrinsic), or the
    /// interval for `requiresInterval` sources. An empty or absent field is 0 (DD-10).
    public var resolution: Double
    /// The reader parameters (fourth field), empty when absent.
    public var parameters: String

    /// Creates a sub-source from its parts.
    /// - Parameters:
    ///   - key: The `subSource…` key.
    ///   - id: The id.
    ///   - description: The description.
    ///   - resolutionText: The third field as written.
    ///   - resolution: The third field as a number.
    ///   - parameters: The reader parameters.
    public init(
        key: String, id: String, description: String, resolutionText: String, resolution: Double, parameters: String
    ) {
        self.key = key
        self.id = id
        self.description = description
        self.resolutionText = resolutionText
        self.resolution = resolution
        self.parameters = parameters
    }
}

extension DSDF {
    /// The sub-sources of this source, in file order (dsdf.md §4.4).
    ///
    /// Every key starting with `subSource` is a sub-source. Fields are split on `|` and
    /// trimmed. When two keys give the same ID the later one replaces the earlier, keeping its
    /// position.
    /// - Returns: The sub-sources, possibly none.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` when a value has fewer
    ///   than two fields, when the third field is not a finite number ≥ 0
    ///   (`Float conversion error …`), or when it is 0 (or empty) for a source whose
    ///   `requiresInterval` is true.
    public func subSources() throws(Das2CoreError) -> [SubSource] {
        let requiresInterval = isTrue("requiresInterval")
        var sources: [SubSource] = []
        var positions: [String: Int] = [:]
        for entry in entries where entry.key.hasPrefix("subSource") {
            let fields = PipeList.split(entry.value, escapes: false)
            guard fields.count >= 2 else {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "At least a key and description need to be provided for \(entry.key) in \(name)")
            }
            let text = fields.count > 2 ? fields[2] : ""
            var resolution = 0.0
            if !text.isEmpty {
                guard let value = Double(text), value.isFinite, value >= 0 else {
                    throw Das2CoreError(
                        .invalidConfiguration,
                        "Float conversion error for the resolution value \(text) in DSDF key \(entry.key) of \(name)")
                }
                resolution = value
            }
            if requiresInterval && resolution == 0 {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Interval can not be 0.0 for DSDF key \(entry.key) of \(name), which requires an interval")
            }
            let source = SubSource(
                key: entry.key, id: fields[0], description: fields[1], resolutionText: text, resolution: resolution,
                parameters: fields.count > 3 ? fields[3] : "")
            if let position = positions[source.id] {
                sources[position] = source
            } else {
                positions[source.id] = sources.count
                sources.append(source)
            }
        }
        return sources
    }
}
