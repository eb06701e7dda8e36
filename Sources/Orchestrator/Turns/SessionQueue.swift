import GraphRuntime
import Shared

/// The worker's side of the turn-queue contract (docs/architecture.md, "Turn queue contract"):
/// session leases with fencing tokens, the ordered turn list, and the atomic finish of a turn.
public struct SessionQueue: Sendable {
    public let redis: RedisClient
    public let workerID: String
    public let leaseDuration: Duration
    public let ttlSeconds: Int
    public let historyLimit: Int

    public init(redis: RedisClient, workerID: String, leaseDuration: Duration, ttlSeconds: Int, historyLimit: Int) {
        self.redis = redis
        self.workerID = workerID
        self.leaseDuration = leaseDuration
        self.ttlSeconds = ttlSeconds
        self.historyLimit = historyLimit
    }

    var leaseMilliseconds: Int { leaseDuration.wholeMilliseconds }

    // MARK: Lease

    // KEYS: lease, fence, turns, then for the expected head turn: its hash, cancel.
    // ARGV: worker id, lease ms, ttl s, expected head turn id ('' = none expected).
    // Returns {fencing token, head turn id or ''}, followed by the attempt count and the cancel
    // flag when the head is the expected turn; nil when the lease is held.
    // The expected turn's fields and the checkpoint are read by plain `HGETALL`s right after it in
    // the same round trip: once the lease is ours nobody else writes them, and what passes through
    // Lua is costly (Redis's Lua hashes every byte of every string a script sees): returning the
    // turn's fields from here cost 6 % of Redis's work on a turn (docs/performance.md, round 18).
    private static let acquireScript = RedisScript("""
        if redis.call('EXISTS', KEYS[1]) == 1 then return false end
        local token = redis.call('INCR', KEYS[2])
        redis.call('EXPIRE', KEYS[2], ARGV[3])
        redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
        local head = redis.call('LINDEX', KEYS[3], '0') or ''
        if head == '' or head ~= ARGV[4] then return {token, head} end
        return {token, head, redis.call('HINCRBY', KEYS[4], 'attempts', '1'), redis.call('GET', KEYS[5]) or false}
        """)
    // KEYS: lease. ARGV: holder, lease ms. 1 renewed, 0 lost.
    private static let renewScript = RedisScript("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """)
    // KEYS: lease, turns. ARGV: holder, force. 1 released, 0 kept (turns waiting), -1 not ours.
    private static let releaseScript = RedisScript("""
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
        if ARGV[2] ~= '1' and redis.call('LLEN', KEYS[2]) > 0 then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """)

    /// A held session lease.
    public struct Lease: Sendable, Equatable {
        public let sessionID: String
        /// `<worker>:<token>`; the token increases with every acquisition of the session.
        public let holder: String
        public let token: Int
    }

    /// A held lease, the session's next turn, and that turn's attempt when it was started too.
    public struct Acquired: Sendable {
        public var lease: Lease
        public var headTurn: String?
        /// `startAttempt` of `headTurn`, made in the same step when it was the expected turn.
        public var attempt: Attempt?
    }

    /// Takes the session's lease, or `nil` when another worker holds it.
    /// - Parameter expectedTurn: the turn the doorbell named: when it is the session's next one,
    ///   its attempt starts in the same step (one round trip fewer per turn).
    public func acquireLease(_ sessionID: String, expectedTurn: String? = nil) async throws -> Acquired? {
        let keys = SessionKeys(sessionID)
        let expected = expectedTurn ?? ""
        // The expected turn's fields (read whether or not it is the head: the script says) and the checkpoint.
        let reads = (expectedTurn == nil ? [] : [RedisCommand("HGETALL", keys.turn(expected))])
            + [RedisCheckpointer.loadCommand(threadID: sessionID)]
        let (reply, replies) = try await Self.acquireScript.run(
            on: redis, keys: [keys.lease, keys.fence, keys.turns, keys.turn(expected), keys.cancel],
            arguments: [workerID, leaseMilliseconds, ttlSeconds, expected], followedBy: reads)
        guard let parts = reply.array, parts.count >= 2, let token = parts[0].int else { return nil }
        let head = parts[1].string.flatMap { $0.isEmpty ? nil : $0 }
        let lease = Lease(sessionID: sessionID, holder: "\(workerID):\(token)", token: token)
        guard let head, parts.count == 4, replies.count == 2 else { return Acquired(lease: lease, headTurn: head) }
        return Acquired(lease: lease, headTurn: head,
                        attempt: Self.attempt(from: [parts[2], replies[0], parts[3], replies[1]], sessionID: sessionID, turnID: head))
    }

    /// Extends the lease; `false` when it was lost (expired and taken by another worker).
    public func renew(_ lease: Lease) async throws -> Bool {
        try await Self.renewScript.run(on: redis, keys: [SessionKeys(lease.sessionID).lease],
                                       arguments: [lease.holder, leaseMilliseconds]).int == 1
    }

    /// Releases the lease only if the session has no turn waiting (`force`: regardless).
    /// - Returns: whether it was released; `false` means turns arrived and the holder goes on.
    public func release(_ lease: Lease, force: Bool = false) async throws -> Bool {
        let keys = SessionKeys(lease.sessionID)
        let reply = try await Self.releaseScript.run(on: redis, keys: [keys.lease, keys.turns],
                                                     arguments: [lease.holder, force ? "1" : "0"])
        return reply.int != 0
    }

    // MARK: Turns

    /// The id of the session's next turn (the head of its list), if any.
    public func headTurn(of sessionID: String) async throws -> String? {
        try await redis.send("LINDEX", SessionKeys(sessionID).turns, 0).string
    }

    /// A turn about to run: its record, the attempts made at it (this one included), whether
    /// `cancel` already names it, and the session's checkpoint as it stood.
    public struct Attempt: Sendable {
        public var turn: TurnRecord
        public var attempts: Int
        public var isCancelRequested: Bool
        /// The session's graph checkpoint, read in the same round trip (the lease keeps it from
        /// changing before the turn runs); a damaged one is the runner's error, not the worker's.
        public var checkpoint: Result<StoredCheckpoint?, any Error>
    }

    /// Loads a turn and the session's checkpoint and counts this attempt at the turn, in one
    /// round trip; `nil` when the turn's hash is gone.
    public func startAttempt(sessionID: String, turnID: String) async throws -> Attempt? {
        let keys = SessionKeys(sessionID)
        let replies = try await redis.pipeline([RedisCommand("HINCRBY", keys.turn(turnID), "attempts", 1),
                                                RedisCommand("HGETALL", keys.turn(turnID)),
                                                RedisCommand("GET", keys.cancel),
                                                RedisCheckpointer.loadCommand(threadID: sessionID)])
        return Self.attempt(from: replies, sessionID: sessionID, turnID: turnID)
    }

    /// The attempt in the replies of `HINCRBY attempts`, `HGETALL` turn, `GET` cancel and the
    /// checkpoint's `HGETALL`; `nil` when the turn's hash held no record.
    private static func attempt(from replies: [RedisValue], sessionID: String, turnID: String) -> Attempt? {
        guard replies.count == 4, let attempts = replies[0].int, let fields = replies[1].fieldValues,
              let turn = TurnRecord(fields: fields) else { return nil }
        return Attempt(turn: turn, attempts: attempts, isCancelRequested: replies[2].string == turnID,
                       checkpoint: Result { try RedisCheckpointer.checkpoint(fromHash: replies[3], threadID: sessionID) })
    }

    /// Removes a turn whose record is missing (expired or malformed) from the head of the list.
    public func discard(sessionID: String, turnID: String) async throws {
        try await redis.send("LREM", SessionKeys(sessionID).turns, 1, turnID)
    }

    /// Whether `cancel` names this turn (the durable flag; the control channel only wakes).
    public func isCancelRequested(sessionID: String, turnID: String) async throws -> Bool {
        try await redis.send("GET", SessionKeys(sessionID).cancel).string == turnID
    }

    // KEYS: events, turns, turn hash, session, cancel, dedupe, checkpoint, lease.
    // ARGV: done json, maxlen, live channel, turn id, ttl, stage, updated_at, count-turn flag,
    // lease holder ('' = unchecked), release-when-empty flag, refreshed flag, then field/value pairs.
    // Refreshed ('1'): the commit just before, in the same round trip, wrote `done` and the
    // checkpoint and set their expiry, and this turn's enqueue set the others', so no `EXPIRE` is
    // needed (five calls of a turn's ~45, about 3 % of what Redis does for it).
    // Returns {done's entry id or '', next turn id or '', 1 if the lease was released else 0};
    // `done` is the entry's only event (`EventEntries`).
    // `done` is normally written by the commit just before (`once` = "done", sharing its live
    // message); this script writes it only when that commit did not.
    private static let finishScript = RedisScript("""
        if ARGV[9] ~= '' and redis.call('GET', KEYS[8]) ~= ARGV[9] then return redis.error_reply('LEASE_LOST the session lease is held by another worker') end
        local id = false
        if redis.call('HSETNX', KEYS[3], 'emitted:done', '1') == 1 then
          local line = ARGV[1] .. '\\n'
          id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', line)
          redis.call('PUBLISH', ARGV[3], 'i' .. id)
          redis.call('PUBLISH', ARGV[3], line)
          if ARGV[11] == '1' then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
        end
        if redis.call('HSETNX', KEYS[3], 'finished', '1') == 1 then
          redis.call('HSET', KEYS[4], 'stage', ARGV[6], 'updated_at', ARGV[7], unpack(ARGV, 12))
          if ARGV[8] == '1' then redis.call('HINCRBY', KEYS[4], 'turns', '1') end
        end
        redis.call('LREM', KEYS[2], '1', ARGV[4])
        redis.call('DEL', KEYS[3])
        if redis.call('GET', KEYS[5]) == ARGV[4] then redis.call('DEL', KEYS[5]) end
        if ARGV[11] ~= '1' then
          for _, key in ipairs({KEYS[1], KEYS[2], KEYS[4], KEYS[6], KEYS[7]}) do redis.call('EXPIRE', key, ARGV[5]) end
        end
        local next = redis.call('LINDEX', KEYS[2], '0')
        local released = 0
        -- The holder was checked on the first line (a script runs whole): only a checked finish releases.
        if not next and ARGV[10] == '1' and ARGV[9] ~= '' then
          redis.call('DEL', KEYS[8])
          released = 1
        end
        return {id or '', next or '', released}
        """)

    /// What `finish` did.
    public struct Finished: Sendable, Equatable {
        /// The `done` event's id; `nil` when this turn's `done` was already written.
        public var doneEventID: EventID?
        /// The session's next turn, if one is queued.
        public var nextTurn: String?
        /// Whether the lease was released (the queue was empty and release was asked for).
        public var releasedLease: Bool
    }

    /// Writes the turn's `done`, the session's new fields and removes the turn from the queue, in
    /// one step. A second finish of the same turn (a re-run after a crash) writes no second `done`.
    /// - Parameters:
    ///   - pending: the turn's event commits still to write; they go first, in the same round trip.
    ///   - leaseHolder: when given, nothing is written unless the session's lease holds it.
    ///   - releaseWhenEmpty: release that lease in the same step when no turn is left.
    /// - Throws: `SessionEventLog.CommitError` when the lease or a checkpoint version refuses.
    @discardableResult
    public func finish(
        _ turn: TurnRecord, stage: WorkflowStage, duration: Duration, sessionFields: [String: String] = [:],
        after pending: [SessionEventLog.Commit] = [], leaseHolder: String? = nil, releaseWhenEmpty: Bool = false
    ) async throws -> Finished {
        let keys = SessionKeys(turn.sessionID)
        let done = ServerEvent(.done(DoneData(stage: stage, durationMilliseconds: duration.wholeMilliseconds)),
                               sessionID: turn.sessionID, turnID: turn.turnID)
        let json = try JSONCoding.encodeEvent(done)
        // `done` goes with the last commit (below); whether that commit also writes the checkpoint.
        let refreshed = pending.last?.write?.key == keys.checkpoint
        var arguments: [any RedisArgument] = [json, historyLimit, keys.live, turn.turnID, ttlSeconds, stage.rawValue,
                                              Timestamp.now().description, stage == .completed ? "1" : "0",
                                              leaseHolder ?? "", releaseWhenEmpty && leaseHolder != nil ? "1" : "0",
                                              refreshed ? "1" : "0"]
        for (field, value) in sessionFields.sorted(by: { $0.key < $1.key }) {
            arguments.append(field)
            arguments.append(value)
        }
        let log = SessionEventLog(redis: redis, historyLimit: historyLimit, ttlSeconds: ttlSeconds)
        // `done` closes the last commit, so the gateway gets the turn's last events in one message.
        var pending = pending
        if !pending.isEmpty { pending[pending.count - 1].events.append(SessionEventLog.Pending(done, once: "done")) }
        let commits = try log.scriptCalls(for: pending, sessionID: turn.sessionID, leaseHolder: leaseHolder)
        let replies = try await RedisScript.pipeline(on: redis, commits.map(\.call) + [RedisScript.Call(
            Self.finishScript, keys: [keys.events, keys.turns, keys.turn(turn.turnID), keys.session, keys.cancel,
                                      keys.dedupe, keys.checkpoint, keys.lease],
            arguments: arguments)])
        // A refused commit refuses the finish too: both check the same lease.
        let committed = try SessionEventLog.eventIDs(from: replies.dropLast(), of: commits)
        guard let reply = replies.last else { throw RedisError.unexpectedReply(command: "finish", reply: "none") }
        if let message = reply.errorMessage { throw SessionEventLog.CommitError.from(errorReply: message) }
        guard let parts = reply.array, parts.count == 3 else {
            throw RedisError.unexpectedReply(command: "finish", reply: "\(reply)")
        }
        // Written by the finish script, or else the last event of the last commit (`done` when
        // a commit carried it: with no pending commit, `committed` is empty).
        let doneID = parts[0].eventID.map { EventEntries.eventID(entry: $0, index: 0) } ?? committed.last?.last ?? nil
        return Finished(doneEventID: doneID,
                        nextTurn: parts[1].string.flatMap { $0.isEmpty ? nil : $0 }, releasedLease: parts[2].int == 1)
    }
}
