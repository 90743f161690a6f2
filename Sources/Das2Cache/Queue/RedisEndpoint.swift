/// Where the Redis broker is: `WORK_QUEUE_CONN` = `host[:port[:db]]` (cache-and-queue.md §5.1).
public struct RedisEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address, default `localhost`.
    public var host: String
    /// The TCP port, default 6379.
    public var port: Int
    /// The database number, default 0. Independent servers use different databases.
    public var database: Int

    /// Creates an endpoint.
    public init(host: String = "localhost", port: Int = 6379, database: Int = 0) {
        self.host = host
        self.port = port
        self.database = database
    }

    /// Parses `host[:port[:db]]`; empty parts take their defaults.
    /// - Parameter text: The `WORK_QUEUE_CONN` value.
    /// - Throws: ``WorkQueueError`` of kind `configuration` for more than three parts, a port
    ///   outside 1...65535 or a negative or non-numeric database.
    public init(parsing text: String) throws(WorkQueueError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3 else {
            throw WorkQueueError(.configuration, "WORK_QUEUE_CONN must be host[:port[:database]], not '\(text)'")
        }
        self.init()
        if !parts[0].isEmpty { host = parts[0] }
        if parts.count > 1, !parts[1].isEmpty {
            guard let port = Int(parts[1]), (1...65535).contains(port) else {
                throw WorkQueueError(.configuration, "WORK_QUEUE_CONN port '\(parts[1])' is not a TCP port number")
            }
            self.port = port
        }
        if parts.count > 2, !parts[2].isEmpty {
            guard let database = Int(parts[2]), database >= 0 else {
                throw WorkQueueError(.configuration, "WORK_QUEUE_CONN database '\(parts[2])' is not a database number")
            }
            self.database = database
        }
    }

    /// `host:port, db=N`, as the reference names a broker in messages.
    public var description: String { "\(host):\(port), db=\(database)" }
}
