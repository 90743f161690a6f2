/// One example request of a data source: an `exampleRange_NN` key with its companion keys
/// (dsdf.md §4.5).
///
/// A DSDF's examples put the source into `server=discovery`, become the JSON example links
/// and the HAPI sample range ("the last example" is the last one of
/// ``DSDF/exampleRanges()``).
public struct ExampleRange: Hashable, Sendable {
    /// The key, e.g. `exampleRange_01` (or `exampleRange`, a synonym of suffix `00`).
    public var key: String
    /// The begin time text, as written (`UTC` removed, trimmed).
    public var begin: String
    /// The end time text, as written (`UTC` removed, trimmed).
    public var end: String
    /// The title after the first unescaped `|`, trimmed; `nil` when the value has no `|`.
    public var title: String?
    /// The value of the companion `exampleInterval…` key.
    public var interval: String?
    /// The value of the companion `exampleParams…` key.
    public var parameters: String?
    /// The value of the companion `exampleResolution…` key.
    public var resolution: String?
    /// The value of the companion `exampleQuery…` key (das2.3 prototype `k=v|k=v` pairs).
    public var query: String?
    /// The value of the companion `exampleInfo…` key (das2.3 prototype title).
    public var info: String?

    /// Creates an example from its parts.
    /// - Parameters:
    ///   - key: The `exampleRange…` key.
    ///   - begin: The begin time text.
    ///   - end: The end time text.
    ///   - title: The title, if any.
    ///   - interval: The `exampleInterval…` value, if any.
    ///   - parameters: The `exampleParams…` value, if any.
    ///   - resolution: The `exampleResolution…` value, if any.
    ///   - query: The `exampleQuery…` value, if any.
    ///   - info: The `exampleInfo…` value, if any.
    public init(
        key: String, begin: String, end: String, title: String?, interval: String?, parameters: String?,
        resolution: String?, query: String?, info: String?
    ) {
        self.key = key
        self.begin = begin
        self.end = end
        self.title = title
        self.interval = interval
        self.parameters = parameters
        self.resolution = resolution
        self.query = query
        self.info = info
    }
}

extension DSDF {
    /// The examples of this source, ordered by key as plain strings (`exampleRange` <
    /// `exampleRange_00` < `exampleRange_01` …).
    ///
    /// Every key starting with `exampleRange` is an example. Its value is split on unescaped
    /// `|` (``PipeList``, with escapes): the first field is the time range
    /// (``TimeRangeText``), the second the title. Companion keys are found by replacing
    /// `exampleRange` in the key with `exampleInterval`, `exampleParams`, `exampleResolution`,
    /// `exampleQuery` and `exampleInfo`.
    /// - Returns: The examples, possibly none.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration`,
    ///   `Datasource <name>, key <key> has an invalid value`, when a range does not split into
    ///   a begin and an end.
    public func exampleRanges() throws(Das2CoreError) -> [ExampleRange] {
        let prefix = "exampleRange"
        let keys = entries.map(\.key).filter { $0.hasPrefix(prefix) }.sorted { $0.precedesByCodePoint($1) }
        var examples: [ExampleRange] = []
        for key in keys {
            let fields = PipeList.split(self[key] ?? "", escapes: true)
            guard let range = TimeRangeText.split(fields[0]) else {
                throw Das2CoreError(.invalidConfiguration, "Datasource \(name), key \(key) has an invalid value")
            }
            let suffix = key.dropFirst(prefix.count)
            examples.append(ExampleRange(
                key: key, begin: range.begin, end: range.end, title: fields.count > 1 ? fields[1] : nil,
                interval: self["exampleInterval" + suffix], parameters: self["exampleParams" + suffix],
                resolution: self["exampleResolution" + suffix], query: self["exampleQuery" + suffix],
                info: self["exampleInfo" + suffix]))
        }
        return examples
    }
}
