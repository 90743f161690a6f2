import Das2Core

/// Number parsing with the C library semantics the reference tools' command lines use.
public enum CLINumbers {
    /// C `atoi`: the leading integer, 0 when there is none.
    public static func atoi(_ text: String) -> Int {
        CNumberParser.parseInt(text)?.value ?? 0
    }

    /// C `sscanf("%lf")`: the leading number, nil when there is none.
    public static func leadingDouble(_ text: String) -> Double? {
        CNumberParser.parseDouble(text)?.value
    }
}
