/// A dataset id resolved to its source part (hapi.md §7.2.3).
struct HAPIResolvedID: Sendable {
    var source: HAPISource
    var part: HAPISourcePart
    /// The canonical id (`NAME:SUB` for the legacy comma form).
    var datasetID: String
    /// The metadata when resolving needed it (`pNN`, `x_bin-…`).
    var metadata: HAPIPart?
}
