import Das2Core

/// One part of a HAPI source (hapi.md §7.2): the DSDF source itself, or one of its
/// sub-sources. Each part is probed on its own and yields its own datasets.
struct HAPISourcePart: Hashable, Sendable {
    /// The DSDF source name, e.g. `Hapi/Survey`.
    var name: String
    /// The sub-source, nil for a source without sub-sources.
    var subSource: SubSource?
    /// Whether the source needs an interval (`requiresInterval`); then the sub-source's third
    /// field is the interval.
    var requiresInterval: Bool

    /// `NAME` or `NAME:SUB`, the id of the part's primary dataset.
    var key: String {
        subSource.map { name + ":" + $0.id } ?? name
    }

    /// The reader parameter text (the sub-source's fourth field), empty without one.
    var parameterText: String {
        subSource?.parameters ?? ""
    }

    /// The resolution in seconds the part serves: the sub-source's third field for sources
    /// that do not need an interval, else 0 (intrinsic).
    var resolution: Double {
        requiresInterval ? 0 : (subSource?.resolution ?? 0)
    }

    /// Whether the part serves reduced data (a sub-source with a resolution > 0).
    var isReduced: Bool {
        resolution > 0
    }

    /// The normalized parameters that select cache levels (dsdf.md §7).
    var normalizedParameters: String {
        ReaderParameters(subSource?.parameters).normalized
    }

    /// Whether a sub-source id can be part of a HAPI id: none of `:`, `,`, `/`, white space or
    /// control characters.
    static func isOfferable(subSourceID id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains { scalar in
            scalar == ":" || scalar == "," || scalar == "/" || scalar.properties.isWhitespace || scalar.value < 0x20
                || scalar.value == 0x7F
        }
    }
}
