/// How a front end tells the das2 server that a client has gone.
///
/// A data query runs its reader for as long as the client is there. The server writes to the
/// client only when the reader writes, so a reader that computes for minutes before its first
/// byte would run for nobody after a client hung up, until its idle time limit. A front end
/// that can watch the connection sets ``Das2Request/clientDeparture``, and the server stops
/// the readers as soon as ``wait()`` returns.
public protocol ClientDeparture: Sendable {
    /// Returns once the client has gone: it hung up, or closed its side of the connection.
    ///
    /// Must also return promptly when the calling task is cancelled: the server cancels it when
    /// the reader ends first.
    func wait() async
}
