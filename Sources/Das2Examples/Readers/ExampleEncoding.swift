import Das2Stream

/// Encodings and fill shared by the readers.
enum ExampleEncoding {
    /// Record times: binary64 us2000, exact to the microsecond for millions of years.
    static let time = ValueEncoding.littleEndianReal8
    /// Measured values.
    static let value = ValueEncoding.littleEndianReal4
    /// The fill value of the spectrogram, as written in its header.
    static let fillText = "-1.0e+31"
    /// The fill value.
    static let fill = -1.0e31
}
