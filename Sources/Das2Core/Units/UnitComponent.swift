/// One factor of a units string: a name raised to a rational power (`m**-2`, `Hz**-1/2`).
///
/// Names are kept as UTF-8 bytes because das2C matches prefixes and suffixes bytewise.
struct UnitComponent: Hashable, Sendable {
    var name: [UInt8]
    /// Exponent numerator; never zero.
    var numerator: Int
    /// Exponent denominator; at least 1 and coprime with the numerator.
    var denominator: Int

    init(name: [UInt8], numerator: Int, denominator: Int) {
        self.name = name
        let divisor = UnitComponent.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// Creates a component from its name and exponent text (`-2`, `+3`, `1/2`, or empty for 1).
    /// - Parameter sign: -1 when the component follows a `/`.
    /// - Returns: `nil` when the exponent is malformed or zero.
    init?(name: [UInt8], exponentText: ArraySlice<UInt8>, sign: Int) {
        guard !exponentText.isEmpty else {
            self.init(name: name, numerator: sign, denominator: 1)
            return
        }
        var text = exponentText
        var numeratorSign = 1
        if let first = text.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            numeratorSign = first == UInt8(ascii: "-") ? -1 : 1
            text = text.dropFirst()
        }
        let parts = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count <= 2,
              let numerator = UnitComponent.decimal(parts[0]), numerator != 0,
              let denominator = parts.count == 2 ? UnitComponent.decimal(parts[1]) : 1, denominator >= 1
        else { return nil }
        self.init(name: name, numerator: sign * numeratorSign * numerator, denominator: denominator)
    }

    /// The exponent as a number, for ordering.
    var exponent: Double { Double(numerator) / Double(denominator) }

    /// Appends `name`, `name**n` or `name**n/d`, as das2C prints components.
    func appendSpelling(to text: inout String) {
        text += String(decoding: name, as: UTF8.self)
        guard numerator != 1 || denominator != 1 else { return }
        text += "**"
        text += String(numerator)
        if denominator != 1 {
            text += "/"
            text += String(denominator)
        }
    }

    /// Spells components joined by single blanks.
    static func spelling(of components: [UnitComponent]) -> String {
        var text = ""
        for (index, component) in components.enumerated() {
            if index > 0 { text += " " }
            component.appendSpelling(to: &text)
        }
        return text
    }

    /// Parses unsigned decimal digits; at most 9 so the value cannot overflow when multiplied.
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard UnitsSyntax.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }
}
