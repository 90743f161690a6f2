/// One reply of the Redis server.
enum RedisReply: Sendable, Hashable {
    /// A status line such as `OK`.
    case status(String)
    /// An integer.
    case integer(Int64)
    /// A bulk string, decoded as UTF-8.
    case string(String)
    /// The null reply (a missing key, a timed-out blocking pop, a refused `SET NX`).
    case null
    /// An array of replies.
    case array([RedisReply])

    /// The bulk strings of an array reply (others skipped); empty for other replies.
    var strings: [String] {
        guard case .array(let items) = self else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}
