import Logging

/// swift-log's `StreamLogHandler` to standard error, keeping metadata unformatted until a
/// message is logged.
///
/// Hummingbird copies the logger for every request to give it a request id. `StreamLogHandler`
/// formats its metadata each time it is set, which cost about 4 % of a `server=list` request in
/// a profile although at the default levels nothing per request is printed; and a handler
/// larger than three words is boxed, so each copy allocated. This one keeps the stream behind
/// one shared reference, its level and its metadata: three words, copied in place.
struct StandardErrorLogHandler: LogHandler {
    /// The configured stream, shared by every copy of the handler.
    private final class Output: Sendable {
        let stream: StreamLogHandler

        init(_ stream: StreamLogHandler) {
            self.stream = stream
        }
    }

    private var output: Output
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    init(label: String, level: Logger.Level) {
        var stream = StreamLogHandler.standardError(label: label)
        // The logger filters by `logLevel` before calling `log(event:)`.
        stream.logLevel = .trace
        output = Output(stream)
        logLevel = level
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { output.stream.metadataProvider }
        set {
            var stream = output.stream
            stream.metadataProvider = newValue
            output = Output(stream)
        }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        output.stream.log(event: event)
    }
}
