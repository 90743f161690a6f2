import Das2Core

/// The `BEGIN END` arguments every reader takes (server-protocol.md §4.7), parsed with the
/// das2 time parser.
struct TimeRangeArguments: Sendable {
    /// The first admissible record time, us2000.
    let begin: Double
    /// The exclusive upper bound, us2000.
    let end: Double
    /// The texts as given, for messages.
    let beginText: String
    let endText: String

    init(begin beginText: String, end endText: String) throws(ReaderArgumentError) {
        let begin = try Self.parse(beginText, role: "begin")
        let end = try Self.parse(endText, role: "end")
        guard end > begin else {
            throw ReaderArgumentError("the end time '\(endText)' is not after the begin time '\(beginText)'")
        }
        self.begin = begin
        self.end = end
        self.beginText = beginText
        self.endText = endText
    }

    private static func parse(_ text: String, role: String) throws(ReaderArgumentError) -> Double {
        let time: DasTime
        do {
            time = try DasTime(parsing: text)
        } catch {
            throw ReaderArgumentError("cannot parse the \(role) time '\(text)'")
        }
        let value = TimeScale.us2000.value(from: time)
        guard value.isFinite else {
            throw ReaderArgumentError("the \(role) time '\(text)' is out of range")
        }
        return value
    }

    /// The records of a cadence (microseconds) inside the range.
    func grid(step: Double) throws(ReaderArgumentError) -> RecordGrid {
        guard let grid = RecordGrid(step: step, begin: begin, end: end) else {
            throw ReaderArgumentError("a cadence of \(step * 1e-6) s is too fine for the range '\(beginText)' to '\(endText)'")
        }
        return grid
    }
}
