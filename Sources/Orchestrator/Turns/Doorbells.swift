import Shared

/// One doorbell: a stream entry saying a session has a turn to run.
public struct Doorbell: Sendable, Hashable {
    public let stream: String
    public let entryID: String
    public let sessionID: String
    /// The turn that rang it (the gateway names it; `nil` on a bell rung without one).
    public var turnID: String? = nil
}

/// Reading, claiming and acknowledging the doorbell streams `turns:{p<n>}` with the consumer
/// group `workers`. A doorbell is acknowledged only after its session's queue was run to empty
/// under the lease (the worker does it with its next read); one left pending by a dead (or busy)
/// worker is claimed again after `claimIdle` and rings once more.
public struct Doorbells: Sendable {
    public let redis: RedisClient
    public let partitions: Int
    public let consumer: String

    public init(redis: RedisClient, partitions: Int, consumer: String) {
        self.redis = redis
        self.partitions = partitions
        self.consumer = consumer
    }

    public var streams: [String] { (0..<partitions).map(TurnPartitions.stream) }

    /// Creates the consumer group on every partition stream (idempotent).
    public func createGroups() async throws {
        for stream in streams {
            do {
                try await redis.send("XGROUP", "CREATE", stream, TurnPartitions.consumerGroup, "0", "MKSTREAM")
            } catch RedisError.server(let message) where message.hasPrefix("BUSYGROUP") {}
        }
    }

    /// New doorbells, waiting up to `block` on a dedicated connection.
    /// - Parameter acknowledging: doorbells to acknowledge first, in the same round trip.
    public func read(on connection: RedisConnection, count: Int, block: Duration,
                     acknowledging served: [Doorbell] = []) async throws -> [Doorbell] {
        let command = RedisCommand("XREADGROUP", ["GROUP", TurnPartitions.consumerGroup, consumer, "COUNT", count,
                                                  "BLOCK", block.wholeMilliseconds, "STREAMS"] + streams
                                                  + Array(repeating: ">", count: partitions))
        let replies = try await connection.pipeline(Self.acknowledgements(of: served) + [command], timeout: block + .seconds(5))
        guard let reply = replies.last else { throw RedisError.unexpectedReply(command: "XREADGROUP", reply: "none") }
        if case .error(let message) = reply { throw RedisError.server(message) }
        var doorbells: [Doorbell] = []
        for streamReply in reply.array ?? [] {
            guard let parts = streamReply.array, parts.count == 2, let stream = parts[0].string else { continue }
            doorbells += Self.entries(parts[1], stream: stream)
        }
        return doorbells
    }

    /// Doorbells pending for longer than `idle` on any consumer, now claimed by this one.
    public func claimAbandoned(idle: Duration, count: Int) async throws -> [Doorbell] {
        var claimed: [Doorbell] = []
        for stream in streams where claimed.count < count {
            let reply = try await redis.send(RedisCommand(
                "XAUTOCLAIM", stream, TurnPartitions.consumerGroup, consumer, idle.wholeMilliseconds, "0-0",
                "COUNT", count - claimed.count))
            guard let parts = reply.array, parts.count >= 2 else { continue }
            claimed += Self.entries(parts[1], stream: stream)
        }
        return claimed
    }

    /// Acknowledges and deletes doorbells.
    public func acknowledge(_ doorbells: [Doorbell]) async throws {
        let commands = Self.acknowledgements(of: doorbells)
        if !commands.isEmpty { _ = try await redis.pipeline(commands) }
    }

    /// `XACK` and `XDEL` for the doorbells, one of each per stream.
    static func acknowledgements(of doorbells: [Doorbell]) -> [RedisCommand] {
        Dictionary(grouping: doorbells, by: \.stream).sorted { $0.key < $1.key }.flatMap { stream, doorbells in
            let ids = doorbells.map(\.entryID)
            return [RedisCommand("XACK", [stream, TurnPartitions.consumerGroup] + ids),
                    RedisCommand("XDEL", [stream] + ids)]
        }
    }

    /// Rings again for a session (a worker handing back a session on shutdown).
    public func ring(sessionID: String) async throws {
        try await redis.send("XADD", TurnPartitions.stream(for: sessionID, count: partitions), "*",
                             "session_id", sessionID)
    }

    private static func entries(_ value: RedisValue, stream: String) -> [Doorbell] {
        (value.array ?? []).compactMap { entry in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].string,
                  let fields = parts[1].fieldValues, let sessionID = fields["session_id"] else { return nil }
            return Doorbell(stream: stream, entryID: id, sessionID: sessionID, turnID: fields["turn_id"])
        }
    }
}
