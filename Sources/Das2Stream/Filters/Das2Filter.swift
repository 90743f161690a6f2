/// A streaming transformation of a das2.2 stream: events in, packets out through a writer.
///
/// Filters hold only per-packet-id state, so memory does not grow with the number of
/// records. Tools drive them from stdin; the server drives them over a reader's output.
public protocol Das2Filter: ~Copyable {
    /// Handles one input event, writing whatever it produces.
    mutating func process(_ event: Das2Event, into writer: inout Das2StreamWriter) throws(Das2StreamError)
    /// Writes anything still pending at the end of the input.
    mutating func finish(into writer: inout Das2StreamWriter) throws(Das2StreamError)
}
