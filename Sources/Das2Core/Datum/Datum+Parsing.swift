extension Datum {
    /// Parses a free-form datum as das2C's `das_datum_fromStr` does (time.md §7.1–7.2).
    ///
    /// The number is the longest leading run of digits, `+ - . :` and blanks, plus `e`, `E`, `x`,
    /// `X` or `T` when a digit follows; the rest, trimmed, is the units, so a blank before them is
    /// optional (`60s`, `10kHz`). If that run contains `:`, a digit followed by `-`, or `T`
    /// followed by a digit, it is first tried as a time (das2 time parser); a time may be followed
    /// only by `UTC` and gives a us2000 value in ``Units/utc``.
    ///
    /// Otherwise the run must be exactly one C number. Units das2C cannot parse are kept as an
    /// opaque label (`1,5 s` is 1 with units `,5 s`), and unknown names are ordinary units
    /// (`7 d` is 7 `d`, not days). Stricter than das2C, which silently drops what its number
    /// parse leaves over: `1 2 s` and `12:30` are rejected. das2C's scan stops at a signed exponent;
    /// such a number is accepted when a blank or the end follows it (`1e-5 Hz`) and rejected when
    /// letters follow directly (`-3.145e+14dogs`, which das2C also fails on).
    /// - Parameter text: The datum text, e.g. `60 s`, `.15 s`, `5 µs`, `2012-001`.
    /// - Throws: `Das2CoreError` with code `.invalidDatum` when there is no number or time.
    public init(parsing text: String) throws(Das2CoreError) {
        let utf8 = text.utf8
        var scanEnd = utf8.startIndex
        var looksLikeTime = false
        while scanEnd < utf8.endIndex {
            let byte = utf8[scanEnd]
            let nextIndex = utf8.index(after: scanEnd)
            let next: UInt8 = nextIndex < utf8.endIndex ? utf8[nextIndex] : 0
            if byte == UInt8(ascii: ":") || (UnitsSyntax.isDigit(byte) && next == UInt8(ascii: "-")) { looksLikeTime = true }
            let continues: Bool
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
                continues = true
            case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                continues = UnitsSyntax.isDigit(next)
            case UInt8(ascii: "T"):
                continues = UnitsSyntax.isDigit(next)
                if continues { looksLikeTime = true }
            default:
                continues = UnitsSyntax.isBlank(byte)
            }
            guard continues else { break }
            scanEnd = nextIndex
        }
        let scanned = UnitsSyntax.trimmed(text[..<scanEnd])
        guard !scanned.isEmpty else {
            throw Das2CoreError(.invalidDatum, "cannot parse datum '\(text)': it does not start with a number or a time")
        }
        let unitsText = UnitsSyntax.trimmed(text[scanEnd...])

        if looksLikeTime, let time = try? DasTime(parsing: scanned) {
            guard unitsText.isEmpty || unitsText == "UTC" else {
                throw Das2CoreError(.invalidDatum, "cannot parse datum '\(text)': a time may be followed only by 'UTC', not '\(unitsText)'")
            }
            self.init(value: TimeScale.us2000.value(from: time), units: .utc)
            return
        }

        guard let number = CNumberParser.parseDouble(text[scanned.startIndex...]) else {
            throw Das2CoreError(.invalidDatum, "cannot parse datum '\(text)': '\(scanned)' is not a number")
        }
        let numberEnd = utf8.index(scanned.startIndex, offsetBy: number.length)
        if numberEnd == scanned.endIndex {
            self.init(value: number.value, units: Units(String(unitsText)))
            return
        }
        let signedExponent = numberEnd > scanned.endIndex && utf8[scanned.endIndex] | 0x20 == UInt8(ascii: "e")
        guard signedExponent, numberEnd == utf8.endIndex || UnitsSyntax.isBlank(utf8[numberEnd]) else {
            let numberText = text[scanned.startIndex..<max(numberEnd, scanned.endIndex)]
            throw Das2CoreError(.invalidDatum, "cannot parse datum '\(text)': '\(numberText)' is not one number followed by units")
        }
        self.init(value: number.value, units: Units(String(UnitsSyntax.trimmed(text[numberEnd...]))))
    }
}
