#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CHiredis

/// One blocking hiredis connection. Not thread safe: ``RedisQueue`` uses it from its own
/// thread only.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>

    /// Connects, applies the command timeout and selects the database.
    /// - Parameters:
    ///   - endpoint: The server.
    ///   - connectTimeout: Seconds to wait for the TCP connection.
    ///   - commandTimeout: Seconds to wait for any reply; must exceed the blocking time of
    ///     `BRPOPLPUSH`.
    /// - Throws: ``WorkQueueError`` of kind `unavailable`.
    init(endpoint: RedisEndpoint, connectTimeout: Double, commandTimeout: Double) throws(WorkQueueError) {
        guard let context = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), Self.interval(connectTimeout)) else {
            throw WorkQueueError(.unavailable, "Job broker not available at \(endpoint): out of memory")
        }
        self.context = context
        guard context.pointee.err == 0 else {
            let message = String(cString: das2kit_redisErrorText(context))
            throw WorkQueueError(.unavailable, "Job broker not available at \(endpoint): \(message)")
        }
        _ = redisSetTimeout(context, Self.interval(commandTimeout))
        if endpoint.database != 0 {
            _ = try send(["SELECT", String(endpoint.database)])
        }
    }

    deinit {
        redisFree(context)
    }

    /// Sends one command (`redisCommandArgv`, so arguments need no quoting) and waits for
    /// its reply.
    /// - Throws: ``WorkQueueError`` of kind `unavailable` when the connection failed (it is
    ///   then unusable), `failed` for an error reply.
    func send(_ arguments: [String]) throws(WorkQueueError) -> RedisReply {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in arguments {
            offsets.append(bytes.count)
            lengths.append(argument.utf8.count)
            bytes += argument.utf8
        }
        bytes.append(0)
        let raw = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                var argv: [UnsafePointer<CChar>?] = offsets.map { UnsafePointer(characters.baseAddress! + $0) }
                return redisCommandArgv(context, Int32(arguments.count), &argv, lengths)
            }
        }
        guard let raw else {
            let message = context.pointee.err == 0 ? "no reply" : String(cString: das2kit_redisErrorText(context))
            throw WorkQueueError(.unavailable, "Job broker connection failed: \(message)")
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        if reply.pointee.type == REDIS_REPLY_ERROR {
            throw WorkQueueError(.failed, "Job broker error for \(arguments.first ?? ""): \(Self.text(reply.pointee))")
        }
        return Self.convert(reply.pointee)
    }

    private static func convert(_ reply: redisReply) -> RedisReply {
        switch reply.type {
        case REDIS_REPLY_STATUS: .status(text(reply))
        case REDIS_REPLY_INTEGER: .integer(Int64(reply.integer))
        case REDIS_REPLY_STRING: .string(text(reply))
        case REDIS_REPLY_ARRAY:
            .array((0..<Int(reply.elements)).map { convert(reply.element[$0]!.pointee) })
        default: .null
        }
    }

    private static func text(_ reply: redisReply) -> String {
        guard let characters = reply.str else { return "" }
        let bytes = UnsafeRawBufferPointer(start: characters, count: Int(reply.len))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func interval(_ seconds: Double) -> timeval {
        let whole = seconds.rounded(.down)
        return timeval(tv_sec: .init(whole), tv_usec: .init((seconds - whole) * 1_000_000))
    }
}
