extension DatumRange {
    /// Parses `BEGIN to END[ UNITS]` (time.md §7.1, §7.4).
    ///
    /// The ends are split at the first word `to` (blank-delimited, lower case). When either end
    /// looks like a time (it contains `:`, `T` followed by a digit, or a digit followed by `-`)
    /// or the units are `UTC`, both ends are parsed with the das2 time parser; a last word naming
    /// calendar units (`UTC`, `us2000`, …) is then dropped, so ends may contain blanks
    /// (`2014-01-01 00:00 to 2014-01-02 00:00 UTC`), and the result is a us2000 range in
    /// ``Units/utc``. Otherwise both ends must be single C numbers and all words after END are the
    /// units, kept as an opaque label when das2C cannot parse them (stream-das2.md §3.4 re-types
    /// such properties as strings); numbers in epoch units (`0 to 86400 t2000`) are converted to
    /// a us2000 range in ``Units/utc``.
    ///
    /// - Parameters:
    ///   - text: The range text, e.g. `1 to 10 kHz`, `2012-03-09 to 2012-03-10 UTC`.
    ///   - now: The current time, to accept an END of `now` (any case), which then means
    ///     tomorrow's UTC date at 00:00 (dsdf.md §4.2). Pass it only in server configuration
    ///     contexts; streams reject `now` (stream-das2.md §3.4).
    ///   - strippingComment: Whether to drop an old-style comment from the first `|` on
    ///     (`2010-001 to 2010-002 | Regression Test Data`), as in DSDF ranges.
    /// - Throws: `Das2CoreError` with code `.invalidRange` when there is no ` to `, an end is
    ///   missing or unreadable, or END is `now` without `now`.
    public init(parsing text: String, allowingNow now: DasTime? = nil, strippingComment: Bool = false) throws(Das2CoreError) {
        var body = text[...]
        if strippingComment, let bar = body.utf8.firstIndex(of: UInt8(ascii: "|")) {
            body = body[..<bar]
        }
        let words = UnitsSyntax.words(of: body)
        guard let toIndex = words.indices.dropFirst().first(where: { body[words[$0]] == "to" }) else {
            throw Das2CoreError(.invalidRange, "cannot parse range '\(text)': expected 'BEGIN to END'")
        }
        guard toIndex + 1 < words.count else {
            throw Das2CoreError(.invalidRange, "cannot parse range '\(text)': the end after 'to' is missing")
        }
        let beginText = body[words[0].lowerBound..<words[toIndex - 1].upperBound]
        let endWords = words[(toIndex + 1)...]
        let firstEnd = body[endWords.first!]

        if UnitsSyntax.equalsIgnoringCase(firstEnd, "now") {
            guard let now else {
                throw Das2CoreError(.invalidRange, "cannot parse range '\(text)': 'now' is allowed only in server configuration files")
            }
            guard endWords.count == 1 || (endWords.count == 2 && body[endWords.last!] == "UTC") else {
                throw Das2CoreError(.invalidRange, "cannot parse range '\(text)': only 'UTC' may follow 'now'")
            }
            var tomorrow = DasTime(year: now.year, month: now.month, mday: now.mday + 1, hour: 0, minute: 0, second: 0)
            tomorrow.normalize()
            try self.init(begin: DatumRange.time(beginText, in: text), end: TimeScale.us2000.value(from: tomorrow), units: .utc)
            return
        }

        let lastUnits = endWords.count > 1 ? Units(String(body[endWords.last!])) : nil
        if lastUnits == .utc || DatumRange.looksLikeTime(beginText) || DatumRange.looksLikeTime(firstEnd) {
            let endLast = lastUnits?.isTime == true ? endWords[endWords.endIndex - 2] : endWords.last!
            let endText = body[firstEnd.startIndex..<endLast.upperBound]
            try self.init(begin: DatumRange.time(beginText, in: text), end: DatumRange.time(endText, in: text), units: .utc)
            return
        }

        let unitsText = endWords.count > 1 ? String(body[endWords[endWords.startIndex + 1].lowerBound..<endWords.last!.upperBound]) : ""
        let units = Units(unitsText)
        let begin = try DatumRange.number(beginText, in: text)
        let end = try DatumRange.number(firstEnd, in: text)
        if units.isTime, let begin = units.convert(begin, to: .utc), let end = units.convert(end, to: .utc) {
            self.init(begin: begin, end: end, units: .utc)
        } else {
            self.init(begin: begin, end: end, units: units)
        }
    }

    /// das2C's hint that a value is a time rather than a number.
    private static func looksLikeTime(_ text: Substring) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ":") || (previous == UInt8(ascii: "T") && UnitsSyntax.isDigit(byte))
                || (UnitsSyntax.isDigit(previous) && byte == UInt8(ascii: "-")) {
                return true
            }
            previous = byte
        }
        return false
    }

    private static func time(_ text: Substring, in range: String) throws(Das2CoreError) -> Double {
        do {
            return TimeScale.us2000.value(from: try DasTime(parsing: text))
        } catch {
            throw Das2CoreError(.invalidRange, "cannot parse range '\(range)': '\(text)' is not a time (\(error.message))")
        }
    }

    private static func number(_ text: Substring, in range: String) throws(Das2CoreError) -> Double {
        guard let number = CNumberParser.parseDouble(text), number.length == text.utf8.count else {
            throw Das2CoreError(.invalidRange, "cannot parse range '\(range)': '\(text)' is not a number")
        }
        return number.value
    }
}
