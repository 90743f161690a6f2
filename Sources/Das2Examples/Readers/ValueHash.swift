/// Pseudo-random numbers that are a pure function of a record time and a channel, so that the
/// same request always gives the same bytes (hapi.md §7.3) without any generator state.
enum ValueHash {
    /// A uniform number in [0, 1) for an integer key (such as a time in microseconds) and a
    /// channel salt.
    @inline(__always)
    static func unit(_ key: Int64, salt: UInt64) -> Double {
        Double(mix(UInt64(bitPattern: key) ^ (salt &* 0xD1B5_4A32_D192_ED03)) >> 11) * 0x1p-53
    }

    /// The SplitMix64 finalizer: every input bit affects every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
