@testable import Das2Server
import Testing

/// Parameter names and labels (hapi.md §7.4.3).
struct HAPINamingTests {
    @Test func namesAreCleanedMadeUniqueAndKeepTimeFree() {
        var naming = HAPINaming()
        naming.reserve("Time")
        #expect(naming.name(for: "B x", fallback: "y_1") == "B_x")
        #expect(naming.name(for: "", fallback: "y_2") == "y_2")
        #expect(naming.name(for: "time", fallback: "y_3") == "time_1")
        #expect(naming.name(for: "TIME", fallback: "y_4") == "TIME_1_2")
        #expect(naming.name(for: "b_X", fallback: "y_5") == "b_X_2")
        #expect(naming.name(for: "Bx.min", fallback: "y_6") == "Bx.min")
        #expect(naming.name(for: "Größe", fallback: "y_7") == "Gr__e")
        #expect(naming.name(for: "B_X", fallback: "y_8") == "B_X_3")
    }

    @Test(arguments: [
        ("B!Dx!N", "Bx"), ("E!U2!N", "E2"), ("50!!", "50!"), ("a!Zb", "a!Zb"), ("  !A  ", nil), ("Hz!", "Hz!"),
        ("Spectral density", "Spectral density"), ("!K!Ccos!N!U2!N", "cos2"),
    ])
    func labelsLoseTheFormattingEscapes(text: String, label: String?) {
        #expect(HAPIParameterBuilder.cleanLabel(text) == label)
    }
}
