/// The DSDF pipe-list convention (dsdf.md §4.1): fields separated by `|`, each trimmed.
public enum PipeList {
    /// Splits a value into its trimmed fields.
    ///
    /// With `escapes` (the rule for `exampleRange`, `item_`, `data_`, `coord_`, `param_`,
    /// `paramValInfo_`, `coordSelect_` and `*Trans*` values) a backslash makes the next
    /// character literal and is itself dropped, so `a\|b` is one field `a|b`; a final lone
    /// backslash is dropped. Without `escapes` every `|` separates (`cacheLevel`,
    /// `subSource`).
    /// - Parameters:
    ///   - value: The DSDF value.
    ///   - escapes: Whether a backslash escapes the next character.
    /// - Returns: The fields, at least one (an empty value gives one empty field).
    public static func split(_ value: some StringProtocol, escapes: Bool) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var escaped = false
        for byte in value.utf8 {
            if escaped {
                field.append(byte)
                escaped = false
            } else if escapes && byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                fields.append(trimmed(field))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
        }
        fields.append(trimmed(field))
        return fields
    }

    private static func trimmed(_ field: [UInt8]) -> String {
        String(decoding: field[TextLines.trimmed(field.indices, in: field)], as: UTF8.self)
    }
}
