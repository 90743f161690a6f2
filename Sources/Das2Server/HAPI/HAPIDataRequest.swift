/// A `/data` request that passed validation (hapi.md §2.5 steps 1–11).
struct HAPIDataRequest: Sendable {
    var source: HAPISource
    var part: HAPISourcePart
    var dataset: HAPIDataset
    /// The request as sent: records are kept when `start ≤ t < stop`.
    var start: HAPITime
    var stop: HAPITime
    /// The request clipped to the dataset's valid range (§7.5.1).
    var clippedStart: HAPITime
    var clippedStop: HAPITime
    var parameters: [HAPIParameter]
    var format: HAPIFormat
    var includeHeader: Bool
}
