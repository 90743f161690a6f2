#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The size of one unit relative to its reduced components.
///
/// Held twice: as das2C computes it (a product of rounded powers, compared exactly when matching
/// known units, so matches agree with das2C) and as `mantissa × 10^power`, which converts
/// exactly between prefixes (`ms` → `μs` is 1000, not das2C's `1e-3 / 1e-6` = 1000.0000000000001).
struct UnitsMagnitude: Hashable, Sendable {
    /// das2C's `_Units_reduce` factor.
    var das2C: Double = 1
    /// The part of the size that is not a power of ten (60 for `min`).
    var mantissa: Double = 1
    /// The decimal exponent of the size (-3 for `ms`; fractional for fractional exponents).
    var power: Double = 0

    /// The multiplier from this magnitude to another with the same components.
    func factor(to other: UnitsMagnitude) -> Double {
        let power = power - other.power
        let mantissa = mantissa / other.mantissa
        return power < 0 ? mantissa / UnitsMagnitude.powerOfTen(-power) : mantissa * UnitsMagnitude.powerOfTen(power)
    }

    /// Applies ``factor(to:)`` to a value, dividing for negative powers so `5 μs` is exactly
    /// the double nearest 5e-6 s.
    func convert(_ value: Double, to other: UnitsMagnitude) -> Double {
        let power = power - other.power
        let scaled = value * (mantissa / other.mantissa)
        return power < 0 ? scaled / UnitsMagnitude.powerOfTen(-power) : scaled * UnitsMagnitude.powerOfTen(power)
    }

    /// 10^power, exact from a table for the integral powers that doubles hold exactly.
    private static func powerOfTen(_ power: Double) -> Double {
        if power <= 22, power == power.rounded(.towardZero) { return exactPowers[Int(power)] }
        return pow(10, power)
    }

    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
