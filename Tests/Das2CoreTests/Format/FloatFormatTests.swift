import Das2Core
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The printf conversions das2 writers use (stream-das2.md §5.3, §5.4, tools.md §1.6).
private let das2Specs: [String] = {
    var specs: [String] = []
    for width in 9 ... 24 {
        specs.append("%\(width - 1).\(width - 8)e")  // asciiW default
        specs.append("%\(width - 1).\(width - 9)e")  // asciiW, negative 3-digit exponent
    }
    for precision in 0 ... 17 { specs.append("%.\(precision)e") }
    for significant in 1 ... 10 {
        for sign in 0 ... 1 { specs.append("%\(significant + sign + 5).\(significant - 1)e") }  // yTags
    }
    for (width, precision) in [(2, 0), (4, 1), (5, 2), (6, 3), (9, 6), (12, 9), (7, 4), (8, 5), (10, 7), (11, 8)] {
        specs.append("%\(width).\(precision)f")
        specs.append("%0\(width).\(precision)f")  // timeW seconds
    }
    return specs + ["%f", "%e", "%.6e", "%.3g", "%.0f", "%.1f", "%10.4e", "%11.4e", "%7.1f", "%8.0f"]
}()

/// Flags, widths and `%g` precisions beyond the das2 formats.
private let otherSpecs: [String] = {
    var specs: [String] = []
    for precision in [0, 1, 2, 3, 5, 6, 9, 12, 16, 17, 18] {
        specs += ["%.\(precision)g", "%#.\(precision)g", "%+.\(precision)e", "%#.\(precision)f"]
    }
    return specs + [
        "%g", "%#g", "%#e", "%#.0e", "%#.0f", "% e", "% f", "%+f", "%+g", "%-12.3e", "%-+12.3e",
        "%-8.2f", "%012.3e", "%+015.4f", "%-+20g", "%0-10f", "% 010.2f", "%#012.3g", "%30.20e",
        "%40.17e", "%.20e", "%.30f", "%.25g", "%70.5e", "%3e", "%1f", "%.40f", "%+.0f", "%-2.0f",
    ]
}()

@Suite struct FloatFormatTests {
    @Test(arguments: das2Specs)
    func das2FormatsMatchVsnprintf(spec: String) throws {
        try expectMatchesC(spec, SampleValues.edges + SampleValues.mixed(count: 280, seed: 0xDA52))
    }

    @Test(arguments: otherSpecs)
    func flagsWidthsAndGeneralMatchVsnprintf(spec: String) throws {
        try expectMatchesC(spec, SampleValues.edges + SampleValues.mixed(count: 140, seed: 0xF1A6))
    }

    @Test func valuesNearPowersOfTenMatchVsnprintf() throws {
        // Rounding that carries into a new leading digit, including glibc's "%#.3g" of 999.5
        // giving "1.e+03".
        var random = SplitMix64(state: 10)
        for _ in 0 ..< 400 {
            let precision = random.next(below: 18)
            let scale = pow(10.0, Double(random.next(below: 60) - 30))
            let offset = random.unit() * 2 * pow(10.0, Double(-precision - 1))
            let value = scale * (1 - offset) * (random.next() & 1 == 0 ? 1 : -1)
            for spec in ["%#.\(precision)g", "%.\(precision)g", "%.\(precision)e", "%#.\(precision)e"] {
                let format = try #require(FloatFormat(printf: spec))
                #expect(format.string(value) == CLibrary.format(spec, value), "\(spec) of \(value)")
            }
        }
    }

    @Test(arguments: [
        ("%.1e", 1.25, "1.2e+00"),
        ("%.1e", 125.0, "1.2e+02"),
        ("%.1e", 135.0, "1.4e+02"),
        ("%.2f", 0.125, "0.12"),
        ("%.2f", 0.375, "0.38"),
        ("%02.0f", 7.5, "08"),
        ("%02.0f", 6.5, "06"),
        ("%06.3f", 59.9996, "60.000"),
        ("%e", -0.0, "-0.000000e+00"),
        ("%13.6e", 4148.47998046875, " 4.148480e+03"),
        ("%13.6e", 0.14114317297935486, " 1.411432e-01"),
        ("%8.1e", 1.0, " 1.0e+00"),
        ("%16.9e", -1.5e-100, "-1.500000000e-100"),
        ("%23.15e", -Double.leastNonzeroMagnitude, "-4.940656458412465e-324"),
        ("%13.6e", -1e31, "-1.000000e+31"),
        ("%11.4e", 0.0, " 0.0000e+00"),
        ("%#.3g", 999.5, "1.e+03"),
        ("%.3g", 999.5, "1e+03"),
        ("%g", 0.0001, "0.0001"),
        ("%g", 1e-5, "1e-05"),
        ("%.0e", 8.5e+195, "8e+195"),
        ("%e", Double.nan, "nan"),
        ("%e", -Double.nan, "-nan"),
        ("%13.6e", Double.nan, "          nan"),
        ("%08.3f", -Double.infinity, "    -inf"),
        ("%-6f", Double.infinity, "inf   "),
        ("%+e", Double.nan, "+nan"),
        ("% f", Double.infinity, " inf"),
    ] as [(String, Double, String)])
    func printsLikeGlibc(spec: String, value: Double, expected: String) throws {
        let format = try #require(FloatFormat(printf: spec))
        #expect(format.string(value) == expected)
        #expect(CLibrary.format(spec, value) == expected)
    }

    @Test func parsesPrintfSpecs() throws {
        let plain = try #require(FloatFormat(printf: "%13.6e"))
        #expect(plain == FloatFormat(.exponential, width: 13, precision: 6))
        #expect(FloatFormat(printf: "%02.0f") == FloatFormat(.fixed, width: 2, precision: 0, flags: .zeroPad))
        #expect(FloatFormat(printf: "%.3g") == FloatFormat(.general, precision: 3))
        #expect(FloatFormat(printf: "%-8.2f") == FloatFormat(.fixed, width: 8, precision: 2, flags: .leftAlign))
        #expect(FloatFormat(printf: "%+.4e") == FloatFormat(.exponential, precision: 4, flags: .plusSign))
        #expect(FloatFormat(printf: "%e") == FloatFormat(.exponential))
        #expect(FloatFormat(printf: "%.e") == FloatFormat(.exponential, precision: 0))
        #expect(FloatFormat(printf: "%lf") == FloatFormat(.fixed))
        let allFlags: FloatFormat.Flags = [.alternate, .spaceSign, .plusSign, .leftAlign, .zeroPad]
        #expect(FloatFormat(printf: "%# +-010.3g") == FloatFormat(.general, width: 10, precision: 3, flags: allFlags))
        let invalid = [
            "", "%", "e", "13.6e", "%13.6", "%*e", "%.*e", "%E", "%G", "%d", "%Lf", "%13.6e ", " %e", "x%e", "%%",
            "%1000000e",
        ]
        for spec in invalid {
            #expect(FloatFormat(printf: spec) == nil, "\(spec)")
        }
    }

    @Test func writeMatchesAppendAndStaysWithinMaxLength() throws {
        let values = SampleValues.edges + [1e300, -1e300, 123_456_789.123, 0.1]
        for spec in das2Specs + otherSpecs {
            let format = try #require(FloatFormat(printf: spec))
            try withUnsafeTemporaryAllocation(byteCount: format.maxLength, alignment: 1) { buffer in
                for value in values {
                    let count = format.write(value, to: buffer)
                    let expected = CLibrary.format(spec, value)
                    try #require(count <= format.maxLength)
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
                    #expect(text == expected, "\(spec) of \(value)")
                }
            }
        }
    }

    @Test func maxLengthBoundsTheLongestOutputs() throws {
        for spec in ["%f", "%.17f", "%e", "%.0e", "%g", "%#.18g", "%+40.3f", "%-5e", "%#.0f"] {
            let format = try #require(FloatFormat(printf: spec))
            for value in [-Double.greatestFiniteMagnitude, -.leastNonzeroMagnitude, -1e-5, -.nan, -.infinity] {
                #expect(CLibrary.format(spec, value).utf8.count <= format.maxLength, "\(spec) of \(value)")
            }
        }
    }

    @Test func appendKeepsExistingBytes() throws {
        let format = try #require(FloatFormat(printf: "%13.6e"))
        var bytes = Array(":01:".utf8)
        bytes.reserveCapacity(64)
        format.append(1.0, to: &bytes)
        format.append(-2.5e-300, to: &bytes)
        format.append(.nan, to: &bytes)
        FloatFormat(printf: "%.30e")!.append(0.1, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self)
            == ":01: 1.000000e+00-2.500000e-300          nan" + CLibrary.format("%.30e", 0.1))
    }

    @Test func negativeWidthAndPrecisionActLikeC() {
        let format = FloatFormat(.fixed, width: -5, precision: -1)
        #expect(format.string(1.5) == "1.500000")
    }

    private func expectMatchesC(_ spec: String, _ values: [Double]) throws {
        let format = try #require(FloatFormat(printf: spec))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1_200)
        for value in values {
            bytes.removeAll(keepingCapacity: true)
            format.append(value, to: &bytes)
            let expected = CLibrary.format(spec, value)
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(spec) of \(value) (\(value.bitPattern))")
        }
    }
}
