import Das2Core

extension CacheLevel {
    /// The bin size of a binned level as the DSDF gives it: `1 s` is (1, s), `250 ms` is
    /// (250, ms); nil for the intrinsic level.
    var binSize: (count: Int, units: Units)? {
        guard resolutionSeconds > 0, resolutionDirectory.hasPrefix("bin-") else { return nil }
        let text = resolutionDirectory.dropFirst(4)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let count = Int(digits) else { return nil }
        return (count, text.dropFirst(digits.count) == "ms" ? .milliseconds : .seconds)
    }

    /// `<N> <units> resolution`, or `native resolution` for the intrinsic level, as the
    /// cache reader's no-data message names the level.
    var resolutionPhrase: String {
        guard let size = binSize else { return "native resolution" }
        return "\(size.count) \(size.units.symbol) resolution"
    }
}
