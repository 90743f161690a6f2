import Das2Core

/// Command-line values shared by the time reducers, read with das2C's rules.
public enum ReducerArguments {
    /// A failure: one line for stderr and the exit status.
    public struct Failure: Error {
        public var message: String
        public var status: Int32

        public init(message: String, status: Int32) {
            self.message = message
            self.status = status
        }
    }

    /// Reads BIN_SECONDS with C `%lf` prefix semantics (`60s` is 60) and rejects anything
    /// that is not a positive finite number (tools.md §10 row 12).
    public static func binSeconds(_ text: String) throws(Failure) -> Double {
        guard let value = CLINumbers.leadingDouble(text), value.isFinite else {
            throw Failure(message: "ERROR: Couldn't convert '\(text)' to a bin size in seconds", status: 100)
        }
        guard value > 0 else {
            throw Failure(message: "ERROR: Output bin size must be bigger than 0 seconds!", status: 100)
        }
        return value
    }

    /// Reads a `-b BEGIN` time with the das2 time parser, as us2000.
    public static func begin(_ text: String) throws(Failure) -> Double {
        guard let time = try? DasTime(parsing: text) else {
            throw Failure(message: "ERROR: Couldn't convert \(text) to a date-time", status: 100)
        }
        return TimeScale.us2000.value(from: time)
    }
}
