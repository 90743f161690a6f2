/// The outcome of looking a units string up in a list of known units.
struct UnitsResolution {
    /// The units, under the spelling the list dictates.
    var units: Units
    /// The entry a registry must remember when the text produced a new spelling.
    var newEntry: KnownUnits?
}

extension Units {
    /// Resolves text the way das2C's `Units_fromStr` does, against the given known units.
    ///
    /// Order: blanks trimmed; whole-string aliases; micro and ohm signs unified; exact match;
    /// extra epoch names; component parse (failure ⇒ opaque); first known non-calendar unit with
    /// the same reduction and scale; otherwise the component spelling.
    static func resolve(_ text: String, against known: [KnownUnits]) -> UnitsResolution {
        let trimmed = UnitsSyntax.trimmed(text[...])
        if let alias = aliasTarget(of: trimmed), let entry = KnownUnits.entry(spelled: alias, in: known) {
            return UnitsResolution(units: entry.units)
        }
        let normalized = unifyingSigns(trimmed)
        if let entry = KnownUnits.entry(spelled: normalized, in: known) {
            return UnitsResolution(units: entry.units)
        }
        if let scale = TimeScale(rawValue: normalized) {
            return UnitsResolution(units: Units(symbol: normalized, kind: .epoch(scale)))
        }
        guard let components = components(of: Array(normalized.utf8)) else {
            return UnitsResolution(units: Units(symbol: text, kind: .opaque))
        }
        let (reduced, magnitude) = reduce(components)
        if let entry = known.first(where: { $0.matches(reduced: reduced, magnitude: magnitude) }) {
            return UnitsResolution(units: entry.units)
        }
        let spelling = UnitComponent.spelling(of: components)
        if let entry = KnownUnits.entry(spelled: spelling, in: known) {
            return UnitsResolution(units: entry.units)
        }
        let units = Units(symbol: spelling, kind: .ordinary, dimension: UnitComponent.spelling(of: reduced), magnitude: magnitude)
        return UnitsResolution(units: units, newEntry: KnownUnits(units: units, componentCount: components.count, reduced: reduced))
    }

    /// das2C's whole-string synonyms, matched ignoring case.
    ///
    /// das2C maps any text starting with `second` to `s`; here the rest must be letters, so
    /// `seconds` still maps but `second**-1` is not read as seconds.
    private static func aliasTarget(of text: Substring) -> String? {
        if UnitsSyntax.equalsIgnoringCase(text, "sec") { return "s" }
        if UnitsSyntax.hasPrefixIgnoringCase(text, "second"), text.utf8.dropFirst(6).allSatisfy(UnitsSyntax.isLetter) {
            return "s"
        }
        if UnitsSyntax.equalsIgnoringCase(text, "millisec") { return "ms" }
        if UnitsSyntax.equalsIgnoringCase(text, "microsec") { return "μs" }
        if UnitsSyntax.equalsIgnoringCase(text, "nanosec") { return "ns" }
        if UnitsSyntax.equalsIgnoringCase(text, "hertz") { return "Hz" }
        return nil
    }

    /// Replaces the micro sign (U+00B5) by Greek mu (U+03BC) and the ohm sign (U+2126) by Greek
    /// capital omega (U+03A9), as das2C does before matching.
    private static func unifyingSigns(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return String(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{B5}": scalars.append("\u{3BC}")
            case "\u{2126}": scalars.append("\u{3A9}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private enum ParseState { case separator, name, exponentOperator, exponent }

    /// Splits a units string into components, or returns `nil` when das2C could not parse it.
    ///
    /// Grammar (das2C's state machine): components `name[(**|^)exponent]` separated by blanks,
    /// parentheses or `/`; the first `/` makes all following exponents negative; a name is letters,
    /// `%` or non-ASCII bytes; an exponent is a signed integer or `p/q`. A blank before an
    /// operator, sign, digit, `/`, a parenthesis or the end is dropped first, so `m ** -2` reads
    /// as `m**-2`. Any other byte (a digit in a name, `!`, `,`, `_`) fails the parse.
    static func components(of text: [UInt8]) -> [UnitComponent]? {
        guard !text.contains(0) else { return nil }
        let dropsBlankBefore: [UInt8] = Array("/()^*+-0123456789".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        for (index, byte) in text.enumerated() {
            let next = index + 1 < text.count ? text[index + 1] : 0
            if UnitsSyntax.isBlank(byte), next == 0 || dropsBlankBefore.contains(next) { continue }
            bytes.append(byte)
        }

        var components: [UnitComponent] = []
        var state = ParseState.separator
        var sign = 1
        var nameStart = 0, nameEnd = 0, exponentStart = 0
        var index = 0
        while true {
            let byte: UInt8 = index < bytes.count ? bytes[index] : 0
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let newState: ParseState
            switch state {
            case .separator:
                if isSeparator(byte, next) { newState = .separator }
                else if isNameByte(byte) { newState = .name }
                else { return nil }
            case .name:
                if isNameByte(byte) { newState = .name }
                else if isSeparator(byte, next) { newState = .separator }
                else if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "^") { newState = .exponentOperator }
                else { return nil }
            case .exponentOperator:
                if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "^") { newState = .exponentOperator }
                else if isExponentByte(byte, next) { newState = .exponent }
                else { return nil }
            case .exponent:
                if isExponentByte(byte, next) { newState = .exponent }
                else if isSeparator(byte, next) { newState = .separator }
                else { return nil }
            }
            if newState == .name, state == .separator { nameStart = index }
            if newState != .name, state == .name { nameEnd = index }
            if newState == .exponent, state == .exponentOperator { exponentStart = index }
            if newState == .separator, state == .name || state == .exponent {
                let exponentText = state == .exponent ? bytes[exponentStart..<index] : []
                guard let component = UnitComponent(name: Array(bytes[nameStart..<nameEnd]), exponentText: exponentText, sign: sign)
                else { return nil }
                components.append(component)
            }
            guard index < bytes.count else { return components }
            if newState == .separator, byte == UInt8(ascii: "/") { sign = -1 }
            state = newState
            index += 1
        }
    }

    /// Component terminators: the end, blanks, parentheses, and `/` unless it starts a fraction.
    private static func isSeparator(_ byte: UInt8, _ next: UInt8) -> Bool {
        byte == 0 || UnitsSyntax.isBlank(byte) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || (byte == UInt8(ascii: "/") && !UnitsSyntax.isDigit(next))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        UnitsSyntax.isLetter(byte) || byte == UInt8(ascii: "%") || byte >= 0x80
    }

    private static func isExponentByte(_ byte: UInt8, _ next: UInt8) -> Bool {
        UnitsSyntax.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || (byte == UInt8(ascii: "/") && UnitsSyntax.isDigit(next))
    }
}
