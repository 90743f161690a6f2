import Testing
import Das2Core

/// Reader parameter normalization (dsdf.md §7, C127) and argv splitting.
struct ReaderParametersTests {
    @Test(arguments: [
        (nil, "_noparam"), ("", "_noparam"), ("   ", "_noparam"), ("B", "B"), ("high", "high"), ("b a", "a_b"),
        ("  a   b  ", "a_b"), ("-r no-spikes", "_r_no_spikes"), ("BxEx complex", "BxEx_complex"),
        ("KEEP-SPIKES Bu", "Bu_KEEP_SPIKES"), ("--big-option=thing", "__big_option=thing"), ("a_b a", "a_a_b"),
        ("Z a", "Z_a"), ("10 10", "10_10"), ("800 2", "2_800"),
    ] as [(String?, String)])
    func specificationTable(input: String?, normalized: String) {
        #expect(ReaderParameters(input).normalized == normalized)
    }

    @Test func tabsAndNewlinesAreWhiteSpace() {
        #expect(ReaderParameters("b\ta\n\tc").normalized == "a_b_c")
        #expect(ReaderParameters("\t \n").normalized == "_noparam")
    }

    @Test func sortIsByCodePointNotByCharacter() {
        #expect(ReaderParameters("é e\u{301} z").normalized == "e\u{301}_z_é")
        #expect(ReaderParameters("no-spikes -r").normalized == ReaderParameters("-r no-spikes").normalized)
    }

    @Test(arguments: [
        ("a/b c", "a/b_c", "a_b_c"), ("../x", "../x", ".._x"), (nil, "_noparam", "_noparam"),
    ] as [(String?, String, String)])
    func directoryNameReplacesSlashes(input: String?, normalized: String, directory: String) {
        #expect(ReaderParameters(input).normalized == normalized)
        #expect(ReaderParameters(input).directoryName == directory)
    }

    @Test(arguments: [
        (nil, []), ("", []), ("  ", []), ("-r no-spikes", ["-r", "no-spikes"]), (" a \t b\nc ", ["a", "b", "c"]),
        ("'quoted text'", ["'quoted", "text'"]),
    ] as [(String?, [String])])
    func argumentsAreTheWhiteSpaceSeparatedTokens(input: String?, arguments: [String]) {
        #expect(ReaderParameters(input).arguments == arguments)
    }
}
