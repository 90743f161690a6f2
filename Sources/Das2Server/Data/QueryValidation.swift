/// The checks that keep client text out of trouble (server-protocol.md §4.2, DEV-13, DEV-14).
enum QueryValidation {
    /// Substrings refused in times, resolution, interval and params, in the order they are
    /// looked for: the reference list, then the shell metacharacters of DEV-14.
    static let illegalSubstrings = [";", "|", "../", "..\\", ":\\", ">", "&", "`", "$", "<", "\r", "\n", "\u{0}"]

    private static let illegalPatterns = illegalSubstrings.map { Array($0.utf8) }

    /// The first illegal substring of `value`, in list order.
    static func firstIllegalSubstring(in value: String) -> String? {
        let bytes = Array(value.utf8)
        for (index, pattern) in illegalPatterns.enumerated() where contains(bytes, pattern) {
            return illegalSubstrings[index]
        }
        return nil
    }

    private static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if pattern.count == 1 || bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// Refuses a value holding an illegal substring, naming it (step 5).
    static func checkValue(_ value: String?, label: String) throws(Das2ServerError) {
        guard let value, let illegal = firstIllegalSubstring(in: value) else { return }
        throw Das2ServerError(
            .badRequest,
            "Illegal character(s): '\(printable(illegal))', in value: '\(value)' for query parmeter: \(label)"
        )
    }

    /// Rule N: the source name, with one trailing `.dsdf` removed, that may be looked up below
    /// `DSDF_ROOT` and nowhere else.
    static func datasetName(_ raw: String) throws(Das2ServerError) -> String {
        let name = raw.hasSuffix(".dsdf") ? String(raw.dropLast(5)) : raw
        guard !name.isEmpty else {
            throw Das2ServerError(.badRequest, "Data source  doesn't exist on this server")
        }
        let components = name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if name.hasPrefix("/") || components.contains(where: { $0.elementsEqual("..".utf8) }) || name.utf8.contains(UInt8(ascii: "\\")) || name.utf8.contains(0)
            || firstIllegalSubstring(in: name) != nil
        {
            throw Das2ServerError(.badRequest, "Invalid dataset name '\(printable(name))'")
        }
        return name
    }

    /// Control characters shown visibly in messages.
    private static func printable(_ text: String) -> String {
        text.replacing("\u{0}", with: "\\0")
    }
}
