import Shared

/// The Redis keys of docs/architecture.md ("Redis key layout"). Braces are literal: they are the
/// Redis Cluster hash tag, so every key of one session lives in one slot.
enum RedisKeys {
    // Session keys and doorbell partitions are named once, in Shared, for gateway and orchestrator.
    static func session(_ sid: String) -> String { SessionKeys(sid).session }
    static func turns(_ sid: String) -> String { SessionKeys(sid).turns }
    static func turn(_ sid: String, _ tid: String) -> String { SessionKeys(sid).turn(tid) }
    static func dedupe(_ sid: String) -> String { SessionKeys(sid).dedupe }
    static func events(_ sid: String) -> String { SessionKeys(sid).events }
    static func live(_ sid: String) -> String { SessionKeys(sid).live }
    static func control(_ sid: String) -> String { SessionKeys(sid).control }
    static func cancel(_ sid: String) -> String { SessionKeys(sid).cancel }
    static func checkpoint(_ sid: String) -> String { SessionKeys(sid).checkpoint }
    static func lease(_ sid: String) -> String { SessionKeys(sid).lease }
    static func media(_ mid: String) -> String { "media:{\(mid)}" }
    static func mediaMeta(_ mid: String) -> String { "media:{\(mid)}:meta" }
    static let broadcast = "gateway:broadcast"
    /// Published on a session's live channel when the session is deleted: every gateway closes
    /// the session's sockets. Never a valid event payload (those start with an event id).
    static let sessionDeletedSignal = "deleted"
    static let workersGroup = TurnPartitions.consumerGroup

    /// `turns:{p<n>}` with n = FNV-1a 32(session id) mod `partitions`.
    static func doorbell(_ sid: String, partitions: Int) -> String {
        TurnPartitions.stream(for: sid, count: partitions)
    }

    static func partition(of sid: String, partitions: Int) -> Int {
        TurnPartitions.partition(of: sid, count: partitions)
    }

    /// The session id of a `session:{sid}:live` channel.
    static func sessionID(ofLiveChannel channel: String) -> String? {
        guard channel.hasPrefix("session:{"), channel.hasSuffix("}:live") else { return nil }
        return String(channel.dropFirst("session:{".count).dropLast("}:live".count))
    }

    /// Random ids: `prefix` (with its underscore, `"t_"`) + 24 hex digits, made by Shared's `Identifier`.
    static func makeID(_ prefix: String) -> String {
        Identifier.make(prefix.hasSuffix("_") ? String(prefix.dropLast()) : prefix)
    }

    /// Whether `text` looks like an id made by `makeID(prefix)`.
    static func isID(_ text: String, prefix: String) -> Bool {
        text.hasPrefix(prefix) && text.count == prefix.count + 24
            && text.dropFirst(prefix.count).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
