#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Units {
    /// Reduces components to base names with a scale, as das2C's `_Units_reduce` does.
    ///
    /// Each component loses its SI prefix (symbol or full name) into the scale, full SI names
    /// become symbols (`meters` → `m`), `day(s)`, `hour(s)`, `hr`, `minute(s)`, `min` become `s`,
    /// and `Hz` becomes `s**-1`. Equal names are then merged (cancelled powers vanish) and the
    /// result is ordered by descending exponent, then by name bytes.
    /// - Returns: The reduced components and the size of one unit in them.
    static func reduce(_ components: [UnitComponent]) -> (components: [UnitComponent], magnitude: UnitsMagnitude) {
        var magnitude = UnitsMagnitude()
        var merged: [UnitComponent] = []
        for var component in components {
            reduce(&component, into: &magnitude)
            if let index = merged.firstIndex(where: { $0.name == component.name }) {
                let sum = merged[index]
                merged[index] = UnitComponent(
                    name: sum.name,
                    numerator: sum.numerator * component.denominator + component.numerator * sum.denominator,
                    denominator: sum.denominator * component.denominator
                )
            } else {
                merged.append(component)
            }
        }
        merged.removeAll { $0.numerator == 0 }
        merged.sort { lhs, rhs in
            lhs.exponent != rhs.exponent ? lhs.exponent > rhs.exponent : lhs.name.lexicographicallyPrecedes(rhs.name)
        }
        return (merged, magnitude)
    }

    /// Reduces one component in place and multiplies its size into `magnitude`
    /// (das2C `_Units_reduceComp`).
    private static func reduce(_ component: inout UnitComponent, into magnitude: inout UnitsMagnitude) {
        let exponent = Double(component.numerator) / Double(component.denominator)
        if let seconds = secondsPerNamedInterval(component.name) {
            component.name = [UInt8(ascii: "s")]
            magnitude.das2C *= pow(seconds, exponent)
            magnitude.mantissa *= pow(seconds, exponent)
            return
        }

        // A full SI name at the end, possibly plural, becomes its symbol; anything before it can
        // only be a full prefix name of exactly that length ("kilometers" → "kilo" + "m").
        var replacedAt: Int?
        for (name, symbol) in siNames {
            let length = component.name.count
            if length >= name.count, component.name.suffix(name.count).elementsEqual(name) {
                replacedAt = length - name.count
            } else if length > name.count, component.name.last == UInt8(ascii: "s"),
                      component.name[(length - name.count - 1)..<(length - 1)].elementsEqual(name) {
                replacedAt = length - name.count - 1
            }
            if let offset = replacedAt {
                component.name = Array(component.name[..<offset]) + symbol
                break
            }
        }

        var prefixPower = 0.0
        var foundPrefix = false
        if replacedAt != 0 {
            for (prefix, power) in siPrefixNames where replacedAt == nil || prefix.count == replacedAt {
                if prefix.count <= component.name.count - 1, component.name.starts(with: prefix) {
                    component.name.removeFirst(prefix.count)
                    prefixPower = Double(power * component.numerator) / Double(component.denominator)
                    foundPrefix = true
                    break
                }
            }
        }

        // A prefix symbol is stripped only when the name is a prefix symbol followed by an SI
        // symbol, so "counts" or "deg" keep their leading letters.
        if !foundPrefix, hasPrefixedSymbol(component.name) {
            for (prefix, power) in siPrefixSymbols {
                if prefix.count <= component.name.count - 1, component.name.starts(with: prefix) {
                    component.name.removeFirst(prefix.count)
                    prefixPower = Double(power * component.numerator) / Double(component.denominator)
                    break
                }
            }
        }

        // das2C assigns the prefix factor rather than multiplying, which is the same from 1.
        var das2CFactor = prefixPower == 0 ? 1 : pow(10, prefixPower)
        magnitude.power += prefixPower
        if let seconds = secondsPerNamedInterval(component.name) {
            component.name = [UInt8(ascii: "s")]
            das2CFactor *= pow(seconds, exponent)
            magnitude.mantissa *= pow(seconds, exponent)
        } else if component.name.count == 2, component.name[0] | 0x20 == UInt8(ascii: "h"), component.name[1] | 0x20 == UInt8(ascii: "z") {
            component.name = [UInt8(ascii: "s")]
            component.numerator = -component.numerator
        }
        magnitude.das2C *= das2CFactor
    }

    /// das2C's test before stripping a prefix symbol: the name ends in an SI symbol and what
    /// precedes it is a prefix symbol (compared with `strncmp` over the head's length).
    private static func hasPrefixedSymbol(_ name: [UInt8]) -> Bool {
        siNames.contains { _, symbol in
            let headLength = name.count - symbol.count
            guard headLength > 0, name.suffix(symbol.count).elementsEqual(symbol) else { return false }
            return siPrefixSymbols.contains { prefix, _ in
                prefix.count >= headLength && prefix.prefix(headLength).elementsEqual(name.prefix(headLength))
            }
        }
    }

    /// Seconds in the interval names das2C reduces to `s`, matched ignoring case.
    private static func secondsPerNamedInterval(_ name: [UInt8]) -> Double? {
        guard name.count <= 7, name.allSatisfy(UnitsSyntax.isLetter) else { return nil }
        switch String(decoding: name.map { $0 | 0x20 }, as: UTF8.self) {
        case "days", "day": return 86_400
        case "hours", "hour", "hr": return 3_600
        case "minutes", "minute", "min": return 60
        default: return nil
        }
    }

    /// Full SI names and their symbols. Order matters: longer names that end in a shorter one
    /// come first (`electronvolt` before `volt`); `C` stands for degrees Celsius, as in das2C.
    private static let siNames: [(name: [UInt8], symbol: [UInt8])] = [
        ("meter", "m"), ("gram", "g"), ("second", "s"), ("ampere", "A"), ("kelvin", "K"),
        ("mole", "mol"), ("candela", "ca"), ("steradian", "sr"), ("radian", "rad"), ("hertz", "Hz"),
        ("newton", "N"), ("pascal", "Pa"), ("joule", "J"), ("watt", "W"), ("coulomb", "C"),
        ("electronvolt", "eV"), ("volt", "V"), ("farad", "F"), ("ohm", "Ω"), ("siemens", "S"),
        ("weber", "Wb"), ("tesla", "T"), ("henry", "H"), ("celsius", "°C"), ("C", "°C"),
        ("lumen", "lm"), ("lux", "lx"), ("becquerel", "Bq"), ("gray", "Gy"), ("sievert", "Sv"),
        ("katal", "kat"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    private static let siPrefixNames: [(name: [UInt8], power: Int)] = [
        ("yotta", 24), ("zetta", 21), ("exa", 18), ("peta", 15), ("tera", 12),
        ("giga", 9), ("mega", 6), ("kilo", 3), ("hecto", 2), ("deca", 1),
        ("deci", -1), ("centi", -2), ("milli", -3), ("micro", -6), ("nano", -9),
        ("pico", -12), ("femto", -15), ("atto", -18), ("zepto", -21), ("yocto", -24),
    ].map { (Array($0.utf8), $1) }

    private static let siPrefixSymbols: [(symbol: [UInt8], power: Int)] = [
        ("Y", 24), ("Z", 21), ("E", 18), ("P", 15), ("T", 12),
        ("G", 9), ("M", 6), ("k", 3), ("h", 2), ("da", 1),
        ("d", -1), ("c", -2), ("m", -3), ("μ", -6), ("n", -9),
        ("p", -12), ("f", -15), ("a", -18), ("z", -21), ("y", -24),
    ].map { (Array($0.utf8), $1) }
}
