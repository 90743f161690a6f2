/// The outcome of evaluating a ``ReadAccess`` rule (auth.md §3).
public enum AccessResult: Hashable, Sendable {
    /// Access granted.
    case allow
    /// Access refused: the server answers with a `401` challenge.
    case deny
    /// A server-side problem (rule syntax, unknown method, invalid age, password or group
    /// file unusable): the server answers `501` and logs the message.
    case error(String)
}
