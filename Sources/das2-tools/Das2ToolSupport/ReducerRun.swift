public import Das2Stream

/// Runs a reducer from stdin to stdout and exits with the das2C status on failure.
public enum ReducerRun {
    public static func run(_ reducer: inout BinAverager) -> Never {
        var writer = Das2StreamWriter(programName: reducer.configuration.programName, tagStyle: .das2C)
        if let error = StreamPump.run(&reducer, writer: &writer) {
            ToolOutput.exit(with: error)
        }
        terminate(0)
    }
}
