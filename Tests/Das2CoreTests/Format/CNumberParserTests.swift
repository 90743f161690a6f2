import Das2Core
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs named in the brief and stream-das2.md §5.3, plus boundaries of the conversion paths.
private let edgeInputs: [String] = [
    "  3.296e-06", " 1.000000e+00", "-1.411", "1.0  ", "     1.0  ", "-inf", "      -inf", "INFINITY",
    "infinity", "Infinit", "infx", "nan", "       NaN", "-nan", "NaN(123)", "nan()", "nan(", "nan(abc_1)",
    "nan(0x7)", "nan(1 2)", "1e999", "   1e999  ", "-1e31", "     -1e31", "1.5x", "      1.5x", "1,5", " 1,5      ",
    "0x1A", "0x1A      ", "0x", "-0x", "0xg", "0x.8p1", "0x.p1", "0x1p", "0x1.8p+", "0X1P+2", "0x1p-1074", "0x1p-1075",
    "0x1.fffffffffffffp1023", "0x1p1024", ".5", "5.", ".", "-", "+", "+.e5", "-.5e-3", "1e", "1e+", "1e-",
    "1E5", "1.0 2.0  \n", "  ", "", "abc", "\t\n\u{0B}\u{0C}\r7", "\u{0}5", "-0", "+0", "-0.0e10", "0e999999999",
    "00000000000000000000000001.5", "0.000000000000000000000000000000000000000000001", "9007199254740993",
    "9007199254740992.5", "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
    "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
    "123456789012345678901234567890", "0.1000000000000000055511151231257827021181583404541015625",
    "0.1000000000000000055511151231257827021181583404541015624", "1e-99999999999999999999999",
    "1e99999999999999999999999", "0e-99999999999999999999", "9.999999999999999e22", "1e23",
    "8.988465674311580536e307", String(repeating: "1", count: 25), "1" + String(repeating: "0", count: 800),
    "0." + String(repeating: "0", count: 800) + "1",
    String(repeating: "9", count: 800), "1." + String(repeating: "0", count: 30) + "1e-5",
    "9007199254740993" + String(repeating: "0", count: 50) + "1e-50",
]

@Suite struct CNumberParserTests {
    @Test(arguments: edgeInputs)
    func edgeInputsMatchStrtod(input: String) {
        expectMatchesStrtod(Array(input.utf8))
    }

    @Test(arguments: [
        ("  3.296e-06", 3.296e-06, 11),
        ("1.0  ", 1.0, 3),
        ("-inf", -Double.infinity, 4),
        ("INFINITY", Double.infinity, 8),
        ("1e999", Double.infinity, 5),
        ("-1e31", -1e31, 5),
        ("1.5x", 1.5, 3),
        ("1,5", 1.0, 1),
        ("0x1A", 26.0, 4),
        ("0x", 0.0, 1),
        ("0x.8p1", 1.0, 6),
        (".5", 0.5, 2),
        ("5.", 5.0, 2),
        ("1e", 1.0, 1),
        ("1e+", 1.0, 1),
        ("9007199254740993", 9_007_199_254_740_992, 16),
    ] as [(String, Double, Int)])
    func documentedExamples(input: String, value: Double, length: Int) throws {
        let result = try #require(CNumberParser.parseDouble(input))
        #expect(result.value == value)
        #expect(result.length == length)
    }

    @Test(arguments: [".", "-", "+.e5", "  ", "", "abc", "+-1", "--1", "e5", "i", "na", "-in", "(1)"])
    func inputsWithoutANumberGiveNil(input: String) {
        #expect(CNumberParser.parseDouble(input) == nil)
        #expect(CLibrary.parseDouble(Array(input.utf8)) == nil)
    }

    @Test func nanKeepsSignAndPayloadLikeStrtod() throws {
        let negative = try #require(CNumberParser.parseDouble("-nan"))
        #expect(negative.value.isNaN && negative.value.sign == .minus)
        let payload = try #require(CNumberParser.parseDouble("NaN(123)"))
        #expect(payload.length == 8)
        #expect(payload.value.bitPattern == CLibrary.parseDouble(Array("NaN(123)".utf8))?.value.bitPattern)
    }

    @Test func formattedValuesMatchStrtod() {
        var random = SplitMix64(state: 0x5EED)
        let specs = ["%.17g", "%.16e", "%13.6e", "%.6e", "%.3f", "%g", "%.20e", "%.25f", "%a", "%.0f", "%f", "%.9e"]
        for value in SampleValues.edges + SampleValues.mixed(count: 3_000, seed: 77) {
            let spec = specs[random.next(below: specs.count)]
            expectMatchesStrtod(Array(CLibrary.format(spec, value).utf8))
        }
    }

    #if arch(x86_64)
    @Test func halfwayCasesMatchStrtod() {
        // The exact decimal expansion of the midpoint between two neighbouring doubles (exact in
        // Float80), and the same digits nudged up and truncated.
        for value in SampleValues.mixed(count: 600, seed: 0x4A1F) where value.isFinite && value.nextUp.isFinite {
            let midpoint = (Float80(value) + Float80(value.nextUp)) / 2
            let text = CLibrary.format("%.800Le", midpoint)
            guard let e = text.firstIndex(of: "e") else { continue }
            var digits = String(text[..<e])
            while digits.hasSuffix("0") { digits.removeLast() }
            let exponent = String(text[e...])
            expectMatchesStrtod(Array((digits + exponent).utf8))
            expectMatchesStrtod(Array((digits + "000000000000000000001" + exponent).utf8))
            expectMatchesStrtod(Array((String(digits.dropLast()) + exponent).utf8))
        }
    }
    #endif

    @Test func randomTextMatchesStrtod() {
        var random = SplitMix64(state: 0xF022)
        let alphabets = [
            Array("0123456789.eE+-xXpPinfatyINFATY() \t_".utf8),
            Array("0123456789.e-".utf8),
            Array("0123456789abcdefABCDEF.xXpP+- ".utf8),
        ]
        for round in 0 ..< 20_000 {
            let alphabet = alphabets[round % alphabets.count]
            let bytes = (0 ..< random.next(below: 24)).map { _ in alphabet[random.next(below: alphabet.count)] }
            expectMatchesStrtod(bytes)
        }
    }

    @Test func stringAndSubstringAgreeWithBytes() throws {
        let text = "x  -12.5e1abc"
        let substring = text.dropFirst()
        let result = try #require(CNumberParser.parseDouble(substring))
        #expect(result.value == -125)
        #expect(result.length == 9)
        #expect(CNumberParser.parseDouble(String(substring))?.length == 9)
        #expect(CNumberParser.parseInt(substring)?.value == -12)
        #expect(CNumberParser.parseInt(substring)?.length == 5)
    }

    @Test func emptyBufferGivesNil() {
        #expect(CNumberParser.parseDouble(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
        #expect(CNumberParser.parseInt(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }

    @Test(arguments: [
        "42", "  42", "-0", "+7x", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "99999999999999999999999", "-99999999999999999999999", "  -", "", "-", "+",
        "0x10", "12abc", " \t\n+000123", "1 2", "1.5", "\u{0B}-8", String(repeating: "7", count: 100),
    ])
    func integersMatchStrtol(input: String) {
        expectIntMatchesStrtol(Array(input.utf8))
    }

    @Test func randomIntegersMatchStrtol() {
        var random = SplitMix64(state: 31)
        let alphabet = Array("0123456789+- x".utf8)
        for _ in 0 ..< 5_000 {
            let length = random.next(below: 24)
            expectIntMatchesStrtol((0 ..< length).map { _ in alphabet[random.next(below: alphabet.count)] })
            expectIntMatchesStrtol(Array(String(Int64(bitPattern: random.next()) >> random.next(below: 64)).utf8))
        }
    }

    private func expectMatchesStrtod(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = bytes.withUnsafeBytes { CNumberParser.parseDouble($0) }
        let cText = bytes.firstIndex(of: 0).map { Array(bytes[..<$0]) } ?? bytes
        let reference = CLibrary.parseDouble(cText)
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        #expect(ours?.length == reference?.length, "length for \(text)", sourceLocation: sourceLocation)
        #expect(
            ours?.value.bitPattern == reference?.value.bitPattern, "value for \(text)", sourceLocation: sourceLocation)
    }

    private func expectIntMatchesStrtol(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = bytes.withUnsafeBytes { CNumberParser.parseInt($0) }
        let reference = CLibrary.parseLong(bytes)
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        #expect(ours?.length == reference?.length, "length for \(text)", sourceLocation: sourceLocation)
        #expect(ours?.value == reference?.value, "value for \(text)", sourceLocation: sourceLocation)
    }
}
