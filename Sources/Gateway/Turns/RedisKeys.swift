import Shared

/// The Redis keys of docs/architecture.md ("Redis key layout"). Braces are literal: they are the
/// Redis Cluster hash tag, so every key of one session lives in one slot.
enum RedisKeys {
    static func session(_ sid: String) -> String { "session:{\(sid)}" }
    static func turns(_ sid: String) -> String { "session:{\(sid)}:turns" }
    static func turn(_ sid: String, _ tid: String) -> String { "session:{\(sid)}:turn:{\(tid)}" }
    static func dedupe(_ sid: String) -> String { "session:{\(sid)}:dedupe" }
    static func events(_ sid: String) -> String { "session:{\(sid)}:events" }
    static func live(_ sid: String) -> String { "session:{\(sid)}:live" }
    static func control(_ sid: String) -> String { "session:{\(sid)}:control" }
    static func cancel(_ sid: String) -> String { "session:{\(sid)}:cancel" }
    static func checkpoint(_ sid: String) -> String { "session:{\(sid)}:checkpoint" }
    static func lease(_ sid: String) -> String { "session:{\(sid)}:lease" }
    static func media(_ mid: String) -> String { "media:{\(mid)}" }
    static func mediaMeta(_ mid: String) -> String { "media:{\(mid)}:meta" }
    static let broadcast = "gateway:broadcast"
    static let workersGroup = "workers"

    /// `turns:{p<n>}` with n = FNV-1a 32(session id) mod `partitions`.
    static func doorbell(_ sid: String, partitions: Int) -> String {
        "turns:{p\(partition(of: sid, partitions: partitions))}"
    }

    static func partition(of sid: String, partitions: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in sid.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(max(1, partitions)))
    }

    /// The session id of a `session:{sid}:live` channel.
    static func sessionID(ofLiveChannel channel: String) -> String? {
        guard channel.hasPrefix("session:{"), channel.hasSuffix("}:live") else { return nil }
        return String(channel.dropFirst("session:{".count).dropLast("}:live".count))
    }

    /// Random ids: prefix + 24 hex digits.
    static func makeID(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt32
        let hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 8)
        return prefix + hex
    }

    /// Whether `text` looks like an id made by `makeID(prefix)`.
    static func isID(_ text: String, prefix: String) -> Bool {
        text.hasPrefix(prefix) && text.count == prefix.count + 24
            && text.dropFirst(prefix.count).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
