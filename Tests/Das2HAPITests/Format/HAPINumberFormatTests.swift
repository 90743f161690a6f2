@testable import Das2Server
import Foundation
import Testing

/// The number text of hapi.md §6.2: shortest round-trip digits in Python's `repr()` layout.
struct HAPINumberFormatTests {
    @Test(arguments: [
        (1.0, "1.0"), (-9.5, "-9.5"), (0.0001, "0.0001"), (123_456.75, "123456.75"), (0.012, "0.012"), (1e16, "1e+16"),
        (-1e31, "-1e+31"), (1.5e-5, "1.5e-05"), (2.5e-300, "2.5e-300"), (0.0, "0.0"), (-0.0, "-0.0"),
        (9.5e15, "9500000000000000.0"), (9_007_199_254_740_992, "9007199254740992.0"), (1e22, "1e+22"),
        (-7.888888835906982, "-7.888888835906982"), (100.0, "100.0"), (0.1 + 0.2, "0.30000000000000004"),
        (Double.leastNonzeroMagnitude, "5e-324"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (1234.5e-10, "1.2345e-07"), (0.001, "0.001"), (Double.nan, "NaN"), (Double.infinity, "Infinity"),
        (-Double.infinity, "-Infinity"), (Double(Float(-1e31)), "-9.999999848243207e+30"), (1e15, "1000000000000000.0"),
    ])
    func valuesAreWrittenLikePythonRepr(value: Double, text: String) {
        #expect(HAPINumberFormat.string(value) == text)
    }

    @Test func jsonWritesNullForValuesItCannotExpress() {
        for value in [Double.nan, .infinity, -.infinity] {
            var bytes: [UInt8] = []
            HAPINumberFormat.append(value, to: &bytes, nonFinite: .null)
            #expect(String(decoding: bytes, as: UTF8.self) == "null")
        }
    }

    @Test func durationsDropATrailingPointZero() {
        #expect(HAPINumberFormat.durationSeconds(60) == "60")
        #expect(HAPINumberFormat.durationSeconds(0.25) == "0.25")
        #expect(HAPINumberFormat.durationSeconds(86_400) == "86400")
    }

    @Test func integersAreDecimal() {
        for value in [0, 7, -7, 1_000_000, Int(Int32.min), Int.max] {
            var bytes: [UInt8] = []
            HAPINumberFormat.append(integer: value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }

    /// 2000 values of every magnitude against Python's own `repr()`.
    @Test func randomValuesMatchPython() throws {
        var generator = SplitMix(seed: 0x4841_5049)
        var values: [Double] = []
        while values.count < 2000 {
            let candidate: Double
            switch values.count % 4 {
            case 0: candidate = Double(bitPattern: generator.next())
            case 1: candidate = Double(Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())))
            case 2: candidate = Double(Int64(bitPattern: generator.next() >> 20)) / 1000
            default: candidate = Double(generator.next() % 10_000_000) * pow(10, Double(Int(generator.next() % 40) - 20))
            }
            if candidate.isFinite { values.append(candidate) }
        }
        let python = try PythonRepr.repr(values)
        for (value, expected) in zip(values, python) {
            #expect(HAPINumberFormat.string(value) == expected, "bits \(String(value.bitPattern, radix: 16))")
        }
    }
}

/// A small deterministic generator for test values.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Python's `repr()` of doubles, computed by `python3` itself.
enum PythonRepr {
    static func repr(_ values: [Double]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sys,struct\nfor line in sys.stdin:\n    print(repr(struct.unpack('<d', bytes.fromhex(line.strip()))[0]))",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var text = ""
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes in
                text += bytes.map { String(format: "%02x", $0) }.joined() + "\n"
            }
        }
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
