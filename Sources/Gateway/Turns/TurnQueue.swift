import Foundation
import Shared

/// A turn the gateway accepted.
struct EnqueuedTurn: Sendable, Equatable {
    var turnID: String
    var queuedBehind: Int
    var isDuplicate: Bool
}

/// Writes turns durably, per the turn-queue contract of docs/architecture.md: one Lua script on
/// the session's slot, then a doorbell on `turns:{p<n>}`, and only then the caller acks.
struct TurnQueue: Sendable {
    let redis: RedisClient
    let partitions: Int
    let sessionTTLSeconds: Int

    /// KEYS: session, turns, turn hash, dedupe, cancel. ARGV: client_message_id ('' for none),
    /// turn_id, ttl, multitask, control channel, the turn's field/value pairs, then the time (updated_at).
    /// Returns {status, turn_id, queued_behind}: status 'new', 'duplicate' or 'busy'.
    static let enqueueScript = RedisScript("""
        local cmid = ARGV[1]
        if cmid ~= '' then
          local existing = redis.call('HGET', KEYS[4], cmid)
          if existing then
            local position = 0
            local ids = redis.call('LRANGE', KEYS[2], '0', '-1')
            for i, id in ipairs(ids) do if id == existing then position = i - 1 end end
            return {'duplicate', existing, position}
          end
        end
        local running = redis.call('LLEN', KEYS[2])
        local multitask = ARGV[4]
        if multitask == 'reject' and running > 0 then return {'busy', '', running} end
        local tid = ARGV[2]
        redis.call('HSET', KEYS[3], unpack(ARGV, 6, #ARGV - 1))
        local behind = running
        if multitask == 'interrupt' and running > 0 then
          local head = redis.call('LINDEX', KEYS[2], '0')
          redis.call('LINSERT', KEYS[2], 'AFTER', head, tid)
          redis.call('SET', KEYS[5], head, 'EX', '3600')
          redis.call('PUBLISH', ARGV[5], 'cancel ' .. head)
          behind = 1
        else
          redis.call('RPUSH', KEYS[2], tid)
        end
        if cmid ~= '' then redis.call('HSET', KEYS[4], cmid, tid) end
        redis.call('HSET', KEYS[1], 'updated_at', ARGV[#ARGV])
        -- The session, its turn list, this turn and the dedupe map (KEYS[1..4]) expire together.
        for i = 1, 4 do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
        return {'new', tid, behind}
        """)

    /// The commands of one enqueue: the script's keys and arguments, and the doorbell.
    struct Request: Sendable {
        var sessionID: String
        var keys: [String]
        var arguments: [any RedisArgument]
        var doorbell: RedisCommand

        func script(sha: String) -> RedisCommand {
            RedisCommand("EVALSHA", [sha, keys.count] + keys + arguments)
        }
    }

    private func makeRequest(sessionID sid: String, userID: String, message: ClientMessage,
                             media: [StoredMedia]) -> Request {
        let turnID = RedisKeys.makeID("t_")
        let mediaJSON = media.isEmpty ? "[]" : (try? JSONCoding.makeEncoder(sortedKeys: true).encode(media.map(\.json)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let now = Timestamp.now()
        let fields: [String] = [
            "turn_id", turnID, "session_id", sid, "user_id", userID, "kind", message.type.rawValue,
            "text", message.message, "media", mediaJSON, "client_message_id", message.clientMessageID ?? "",
            "multitask", message.multitask.rawValue, "accepted_at", String(now.millisecondsSince1970),
        ]
        let arguments: [any RedisArgument] = [
            message.clientMessageID ?? "", turnID, sessionTTLSeconds, message.multitask.rawValue,
            RedisKeys.control(sid),
        ] + fields + [now.description]
        let keys = [RedisKeys.session(sid), RedisKeys.turns(sid), RedisKeys.turn(sid, turnID),
                    RedisKeys.dedupe(sid), RedisKeys.cancel(sid)]
        // A doorbell for a refused (`busy`) message is harmless: the session's worker holds the lease.
        let doorbell = RedisCommand("XADD", RedisKeys.doorbell(sid, partitions: partitions), "*",
                                    "session_id", sid, "turn_id", turnID)
        return Request(sessionID: sid, keys: keys, arguments: arguments, doorbell: doorbell)
    }

    /// Puts a validated turn in its session's queue and rings the doorbell.
    /// - Throws: `AppError(.busy)` for `multitask: reject` while a turn runs, `AppError(.unavailable)`
    ///   when Redis cannot take it.
    func enqueue(sessionID sid: String, userID: String, message: ClientMessage,
                 media: [StoredMedia]) async throws(AppError) -> EnqueuedTurn {
        let request = makeRequest(sessionID: sid, userID: userID, message: message, media: media)
        // The script and the doorbell go out in one round trip; Redis runs them in order, so the
        // doorbell still follows the durable write, and both are done before the ack.
        let replies: [RedisValue]
        do {
            replies = try await redis.pipeline([
                request.script(sha: try await Self.enqueueScript.sha(on: redis)), request.doorbell,
            ])
        } catch {
            throw Self.unavailable(error)
        }
        if replies[0].errorMessage?.hasPrefix("NOSCRIPT") == true {
            return try await enqueueAfterNoScript(request)
        }
        if let message = replies[0].errorMessage ?? replies[1].errorMessage {
            throw Self.unavailable(RedisError.server(message))
        }
        return try await finish(request, reply: replies[0])
    }

    /// The rest of an enqueue whose script Redis had forgotten (restarted since it was loaded):
    /// the doorbell rang before the turn was queued, and a worker may have found the queue empty.
    /// Queues the turn (loading the script), then rings again.
    func enqueueAfterNoScript(_ request: Request) async throws(AppError) -> EnqueuedTurn {
        let reply: RedisValue
        do {
            reply = try await Self.enqueueScript.run(on: redis, keys: request.keys, arguments: request.arguments)
            try await redis.send(request.doorbell)
        } catch {
            throw Self.unavailable(error)
        }
        return try await finish(request, reply: reply)
    }

    private func finish(_ request: Request, reply: RedisValue) async throws(AppError) -> EnqueuedTurn {
        let turn = try Self.enqueuedTurn(from: reply)
        if turn.isDuplicate {
            do {
                try await redis.send(Self.duplicateDoorbell(sessionID: request.sessionID, turnID: turn.turnID,
                                                            partitions: partitions))
            } catch {
                throw Self.unavailable(error)
            }
        }
        return turn
    }

    /// What `submitEnqueue` found.
    enum SubmittedEnqueue: Sendable {
        case done(Result<EnqueuedTurn, AppError>)
        /// Redis forgot the script (restarted): the doorbell rang, nothing was queued; finish with
        /// `enqueueAfterNoScript`.
        case retry(Request)
    }

    /// `enqueue` of a turn without media, without awaiting: the script and the doorbell go to a
    /// Redis connection, and `completion` runs on its event loop (it must return quickly). Returns
    /// `false`, and does nothing, while this client has not loaded the script yet: use `enqueue`.
    func submitEnqueue(sessionID sid: String, userID: String, message: ClientMessage,
                       completion: @escaping @Sendable (SubmittedEnqueue) -> Void) -> Bool {
        guard let sha = Self.enqueueScript.loadedSHA(on: redis) else { return false }
        let request = makeRequest(sessionID: sid, userID: userID, message: message, media: [])
        let redis = self.redis
        let partitions = self.partitions
        redis.submit([request.script(sha: sha), request.doorbell]) { result in
            let replies: [RedisValue]
            switch result {
            case .success(let values) where values.count == 2:
                replies = values
            case .success(let values):
                return completion(.done(.failure(Self.unavailable(RedisError.unexpectedReply(command: "EVALSHA", reply: "\(values)")))))
            case .failure(let error):
                return completion(.done(.failure(Self.unavailable(error))))
            }
            if let message = replies[0].errorMessage {
                if message.hasPrefix("NOSCRIPT") { return completion(.retry(request)) }
                return completion(.done(.failure(Self.unavailable(RedisError.server(message)))))
            }
            if let message = replies[1].errorMessage {
                return completion(.done(.failure(Self.unavailable(RedisError.server(message)))))
            }
            let turn: EnqueuedTurn
            do throws(AppError) {
                turn = try Self.enqueuedTurn(from: replies[0])
            } catch {
                return completion(.done(.failure(error)))
            }
            guard turn.isDuplicate else { return completion(.done(.success(turn))) }
            redis.submit([Self.duplicateDoorbell(sessionID: sid, turnID: turn.turnID, partitions: partitions)]) { result in
                switch result {
                case .success(let values):
                    if let message = values.first?.errorMessage {
                        completion(.done(.failure(Self.unavailable(RedisError.server(message)))))
                    } else {
                        completion(.done(.success(turn)))
                    }
                case .failure(let error):
                    completion(.done(.failure(Self.unavailable(error))))
                }
            }
        }
        return true
    }

    /// The doorbell above names the new id; a duplicate rings for the turn that exists (repairs a
    /// gateway that died between the script and the doorbell).
    private static func duplicateDoorbell(sessionID sid: String, turnID: String, partitions: Int) -> RedisCommand {
        RedisCommand("XADD", RedisKeys.doorbell(sid, partitions: partitions), "*", "session_id", sid, "turn_id", turnID)
    }

    private static func enqueuedTurn(from reply: RedisValue) throws(AppError) -> EnqueuedTurn {
        guard let parts = reply.array, parts.count == 3, let status = parts[0].string, let id = parts[1].string,
              let behind = parts[2].int else {
            throw AppError(.internal, "internal error", detail: "enqueue script reply \(reply)")
        }
        if status == "busy" {
            throw AppError(.busy, "a turn of this session is running (multitask: reject)")
        }
        return EnqueuedTurn(turnID: id, queuedBehind: behind, isDuplicate: status == "duplicate")
    }

    private static func unavailable(_ error: any Error) -> AppError {
        AppError(.unavailable, "the message could not be queued; try again", detail: "\(error)")
    }

    /// `cancel`: marks the session's running turn for cancellation and wakes its worker. Ignored
    /// when no turn runs.
    func cancelRunningTurn(sessionID sid: String) async throws(AppError) {
        do {
            guard let head = try await redis.send("LINDEX", RedisKeys.turns(sid), 0).string else { return }
            _ = try await redis.pipeline([
                RedisCommand("SET", RedisKeys.cancel(sid), head, "EX", 3600),
                RedisCommand("PUBLISH", RedisKeys.control(sid), "cancel \(head)"),
            ])
        } catch {
            throw AppError(.unavailable, "the cancel could not be delivered; try again", detail: "\(error)")
        }
    }

    /// Creates the consumer group `workers` on every doorbell stream (idempotent), so doorbells
    /// rung before any worker starts are kept.
    func createConsumerGroups() async throws {
        for partition in 0..<partitions {
            do {
                try await redis.send("XGROUP", "CREATE", "turns:{p\(partition)}", RedisKeys.workersGroup, "0", "MKSTREAM")
            } catch RedisError.server(let message) where message.hasPrefix("BUSYGROUP") {
                continue
            }
        }
    }
}
