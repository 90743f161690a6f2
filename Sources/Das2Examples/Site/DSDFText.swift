import Das2Core

/// Builds the text of a DSDF file (dsdf.md §2) line by line.
///
/// Values written here are fixed texts chosen to mean the same to every DSDF parser: no `;`,
/// quotes, parentheses or `$` inside them. Only the reader command comes from outside, and
/// ``reader(_:)`` checks it.
struct DSDFText {
    private(set) var text = ""

    /// A `;` comment line.
    mutating func comment(_ line: String) {
        text += "; \(line)\n"
    }

    /// `key = 'value'`.
    mutating func quoted(_ key: String, _ value: String) {
        text += "\(key) = '\(value)'\n"
    }

    /// `key = value`, for numbers and flags.
    mutating func bare(_ key: String, _ value: String) {
        text += "\(key) = \(value)\n"
    }

    /// A long value split over lines with IDL continuation (`'…' + $`), joined without
    /// separator when parsed, so each part but the last ends with a blank.
    mutating func continued(_ key: String, _ parts: [String]) {
        let lead = "\(key) = "
        let indent = String(repeating: " ", count: lead.count)
        for (index, part) in parts.enumerated() {
            text += index == 0 ? lead : indent
            text += "'\(part)'"
            text += index == parts.count - 1 ? "\n" : " + $\n"
        }
    }

    /// `reader = '<command>'`, in single quotes, or in double quotes when the command holds a
    /// single quote (DSDF strings have no escapes).
    /// - Throws: ``Das2CoreError`` (`invalidConfiguration`) for a command holding both quote
    ///   characters or a line break, which no DSDF value can carry.
    mutating func reader(_ command: String) throws(Das2CoreError) {
        guard !command.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw Das2CoreError(.invalidConfiguration, "The reader command '\(command)' holds a line break, which a DSDF value cannot carry")
        }
        let quote: Character
        if !command.contains("'") {
            quote = "'"
        } else if !command.contains("\"") {
            quote = "\""
        } else {
            throw Das2CoreError(.invalidConfiguration, "The reader command '\(command)' holds both quote characters, which a DSDF value cannot carry")
        }
        text += "reader = \(quote)\(command)\(quote)\n"
    }
}
