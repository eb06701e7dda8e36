import Logging
import Metrics
import NIOPosix
import ServiceLifecycle
import Shared
import Synchronization

/// The orchestrator's worker pool: reads doorbells, runs each session's turns one at a time and
/// in order under a fenced lease, recovers turns of dead workers, dead-letters poison turns,
/// honours `cancel`, and on graceful shutdown stops claiming and lets running turns finish.
public final class WorkerPool: Service, Sendable {
    private let settings: WorkerSettings
    private let redis: RedisClient
    private let runner: any TurnRunner
    private let logger: Logger
    private let queue: SessionQueue
    private let doorbells: Doorbells
    private let eventLog: SessionEventLog
    private let cancellations = CancellationRegistry()
    /// Doorbells whose sessions were run to empty, acknowledged with the next doorbell read.
    private let served = Mutex<[Doorbell]>([])
    private let shuttingDown = Flag()
    private let turnCounter: @Sendable (WorkflowStage) -> Void
    private let turnTimer: Metrics.Timer

    public init(settings: WorkerSettings, redis: RedisClient, runner: any TurnRunner, workerID: String,
                sessionTTLSeconds: Int, logger: Logger) {
        self.settings = settings
        self.redis = redis
        self.runner = runner
        self.logger = logger
        queue = SessionQueue(redis: redis, workerID: workerID, leaseDuration: settings.leaseDuration,
                             ttlSeconds: sessionTTLSeconds, historyLimit: settings.historyLimit)
        doorbells = Doorbells(redis: redis, partitions: settings.partitions, consumer: workerID)
        eventLog = SessionEventLog(redis: redis, historyLimit: settings.historyLimit, ttlSeconds: sessionTTLSeconds)
        let counters = Dictionary(uniqueKeysWithValues: WorkflowStage.terminal.map {
            ($0, Counter(label: "orchestrator_turns_total", dimensions: [("stage", $0.rawValue)]))
        })
        turnCounter = { stage in counters[stage]?.increment() }
        turnTimer = Metrics.Timer(label: "orchestrator_turn_duration_seconds")
    }

    public func run() async throws {
        try await doorbells.createGroups()
        let subscriber = redis.makeSubscriber()
        logger.info("worker pool started", metadata: ["concurrency": "\(settings.concurrency)",
                                                     "partitions": "\(settings.partitions)"])
        try await withThrowingTaskGroup(of: Void.self) { control in
            control.addTask { try await subscriber.run() }
            control.addTask { await self.followControlChannel(subscriber) }
            try await subscriber.psubscribe(["session:*:control"])
            await withGracefulShutdownHandler {
                await self.claimTurns()
            } onGracefulShutdown: {
                self.shuttingDown.set()
            }
            control.cancelAll()
        }
        logger.info("worker pool stopped")
    }

    // MARK: Claiming

    /// Reads new doorbells and reclaims abandoned ones while slots are free, until shutdown; then
    /// waits for the running turns (children of this group) to finish.
    private func claimTurns() async {
        let slots = WorkSlots(settings.concurrency)
        await withDiscardingTaskGroup { group in
            do {
                try await redis.withDedicatedConnection { connection in
                    var nextReclaim = ContinuousClock.now
                    while !shuttingDown.isSet && !Task.isCancelled {
                        await slots.acquire()
                        let free = slots.available + 1
                        var found: [Doorbell] = []
                        do {
                            if ContinuousClock.now >= nextReclaim {
                                nextReclaim = ContinuousClock.now + settings.claimIdle / 2
                                found = try await doorbells.claimAbandoned(idle: settings.claimIdle, count: free)
                            }
                            if found.isEmpty {
                                // Acknowledges the sessions served since the last read in the same round trip:
                                // at most `readBlock` later, well inside `claimIdle`, so no one reclaims them.
                                let served = takeServed()
                                do {
                                    found = try await doorbells.read(on: connection, count: free, block: settings.readBlock,
                                                                     acknowledging: served)
                                } catch {
                                    self.served.withLock { $0 += served }  // not sent, or unknown: try again
                                    throw error
                                }
                            }
                        } catch RedisError.server(let message) where message.hasPrefix("NOGROUP") {
                            // Redis lost the groups (restarted without its data, or flushed): make
                            // them again, from each stream's start, so no doorbell rung since is missed.
                            logger.warning("doorbell groups missing; creating them again")
                            do {
                                try await doorbells.createGroups()
                            } catch {
                                logger.warning("creating doorbell groups failed", metadata: ["error": "\(error)"])
                                try await Task.sleep(for: settings.readBlock)
                            }
                        } catch {
                            logger.warning("reading doorbells failed", metadata: ["error": "\(error)"])
                            try await Task.sleep(for: settings.readBlock)  // back off while Redis is away
                        }
                        slots.release()
                        for doorbell in found {
                            await slots.acquire()
                            // Sessions are spread over the process's event loops: a task stays on
                            // the loop it started on, and all of them started on the reader's.
                            let loop = MultiThreadedEventLoopGroup.singleton.next()
                            group.addTask {
                                await loop.adoptCallingTask()
                                await self.serve(doorbell)
                                slots.release()
                            }
                        }
                    }
                }
            } catch {
                logger.debug("doorbell loop ended", metadata: ["error": "\(error)"])
            }
        }
        // The running turns have finished: acknowledge what they served.
        do {
            try await doorbells.acknowledge(takeServed())
        } catch {
            logger.warning("acknowledging doorbells failed; they will ring again", metadata: ["error": "\(error)"])
        }
    }

    /// The served doorbells not yet acknowledged, emptying the list.
    private func takeServed() -> [Doorbell] {
        served.withLock { served in
            defer { served = [] }
            return served
        }
    }

    // MARK: Sessions

    /// Runs the doorbell's session to an empty queue under its lease, then leaves the doorbell to
    /// be acknowledged with the next read. When another worker holds the lease the doorbell stays
    /// pending: it is claimed again later, which also covers a holder that dies meanwhile.
    ///
    /// The lease is renewed every third of its duration by a timer; a renewal that finds it lost
    /// (or fails) cancels the run at once. Its writes are fenced by the lease anyway.
    private func serve(_ doorbell: Doorbell) async {
        var sessionLogger = self.logger
        sessionLogger[metadataKey: LogKey.sessionID] = "\(doorbell.sessionID)"
        let logger = sessionLogger
        do {
            guard let acquired = try await queue.acquireLease(doorbell.sessionID, expectedTurn: doorbell.turnID) else {
                return
            }
            let lease = acquired.lease
            let run = Task { try await self.runQueue(acquired, logger: logger) }
            let lost = Flag()
            let renewal = repeatEvery(settings.leaseDuration / 3) {
                do {
                    if try await self.queue.renew(lease) { return true }
                    lost.set()
                } catch {
                    logger.warning("renewing the session lease failed", metadata: ["error": "\(error)"])
                }
                run.cancel()
                return false
            }
            let result = await withTaskCancellationHandler { await run.result } onCancel: { run.cancel() }
            renewal.cancel()
            if lost.isSet {
                logger.warning("session lease lost", metadata: ["lease.token": "\(lease.token)"])
            } else if try result.get() {
                served.withLock { $0.append(doorbell) }
            }
        } catch {
            logger.warning("serving session failed", metadata: ["error": "\(error)"])
        }
    }

    /// Runs the session's turns in order from `head` until its queue is empty (then releases the
    /// lease: the last turn's finish does it in the same step).
    private func runQueue(_ acquired: SessionQueue.Acquired, logger: Logger) async throws -> Bool {
        let lease = acquired.lease
        let sessionID = lease.sessionID
        var next = acquired.headTurn
        var started = acquired.attempt
        while true {
            try Task.checkCancellation()
            if shuttingDown.isSet {
                // Hand the session back: ring for it, then let another worker take it at once.
                if try await queue.headTurn(of: sessionID) != nil { try await doorbells.ring(sessionID: sessionID) }
                _ = try await queue.release(lease, force: true)
                return true
            }
            guard let turnID = next else {
                if try await queue.release(lease) { return true }
                next = try await queue.headTurn(of: sessionID)  // a turn arrived as we were leaving
                continue
            }
            let finished = try await runTurn(lease, turnID: turnID, started: started, logger: logger)
            started = nil
            if finished.releasedLease { return true }
            next = finished.nextTurn
        }
    }

    // MARK: Turns

    /// Runs one turn to its `done`.
    /// - Returns: what the finish found: the next turn, or that it released the lease.
    /// - Parameter started: the turn's attempt when the lease's acquisition already started it.
    private func runTurn(_ lease: SessionQueue.Lease, turnID: String, started: SessionQueue.Attempt?,
                         logger: Logger) async throws -> SessionQueue.Finished {
        let sessionID = lease.sessionID
        var logger = logger
        logger[metadataKey: LogKey.turnID] = "\(turnID)"
        let attempt: SessionQueue.Attempt? = if let started { started } else {
            try await queue.startAttempt(sessionID: sessionID, turnID: turnID)
        }
        guard let attempt else {
            logger.warning("turn record missing; dropped")
            try await queue.discard(sessionID: sessionID, turnID: turnID)
            return SessionQueue.Finished(doneEventID: nil, nextTurn: try await queue.headTurn(of: sessionID),
                                         releasedLease: false)
        }
        let (turn, attempts) = (attempt.turn, attempt.attempts)
        let started = ContinuousClock.now
        let events = TurnEvents(sessionID: sessionID, turnID: turnID, log: eventLog, leaseHolder: lease.holder)
        if attempts > settings.maxDeliveries {
            logger.error("turn dead-lettered", metadata: ["attempts": "\(attempts)"])
            events.buffer(.error(ErrorData(code: .internal, message: "This request could not be processed and was dropped.",
                                           retryable: false)), once: "error")
            return try await finish(turn, .failed, since: started, events: events, lease: lease, logger: logger)
        }
        if attempt.isCancelRequested {
            return try await finish(turn, .cancelled, since: started, events: events, lease: lease, logger: logger)
        }
        cancellations.begin(turnID: turnID, sessionID: sessionID)
        defer { cancellations.end(turnID: turnID) }
        let context = RunningTurn(turn: turn, events: events,
                                  isCancelled: { [cancellations] in cancellations.isCancelled(turnID) }, logger: logger,
                                  checkpoint: PrefetchedCheckpoint(attempt.checkpoint))
        do {
            let outcome = try await withTimeout(settings.turnTimeout, throwing: TurnTimedOut()) {
                try await self.runner.run(context)
            }
            return try await finish(turn, outcome.end.stage, since: started, events: events, lease: lease,
                                    fields: outcome.sessionFields, logger: logger)
        } catch {
            // Cancelled by a lost lease or a shutdown budget: leave the turn for the next worker.
            if Task.isCancelled { throw CancellationError() }
            if case SessionEventLog.CommitError.leaseLost = error { throw error }
            let appError = Self.appError(for: error)
            logger.error("turn failed", metadata: ["error": "\(appError)"])
            events.buffer(.error(ErrorData(appError)), once: "error")
            return try await finish(turn, .failed, since: started, events: events, lease: lease, logger: logger)
        }
    }

    /// Writes what the turn left buffered and its `done` in one round trip; releases the lease in
    /// the same step when no turn is left, unless the worker is shutting down (the hand-back path
    /// releases it then).
    private func finish(_ turn: TurnRecord, _ stage: WorkflowStage, since started: ContinuousClock.Instant,
                        events: TurnEvents, lease: SessionQueue.Lease, fields: [String: String] = [:],
                        logger: Logger) async throws -> SessionQueue.Finished {
        let duration = ContinuousClock.now - started
        let finished = try await queue.finish(turn, stage: stage, duration: duration, sessionFields: fields,
                                              after: try await events.takePending(), leaseHolder: lease.holder,
                                              releaseWhenEmpty: !shuttingDown.isSet)
        turnCounter(stage)
        turnTimer.record(duration: duration)
        logger.info("turn finished", metadata: ["stage": "\(stage.rawValue)",
                                                "duration_ms": "\(duration.wholeMilliseconds)"])
        return finished
    }

    private struct TurnTimedOut: Error {}

    /// The protocol error a failed turn reports: internals never reach the client.
    static func appError(for error: any Error) -> AppError {
        switch error {
        case let error as AppError: error
        case let error as ServiceCallError: error.appError
        case is TurnTimedOut: AppError(.timeout, "This request took too long and was stopped.")
        default:
            if "\(error)".contains("timed out") {
                AppError(.timeout, "This request took too long and was stopped.", detail: "\(error)")
            } else {
                AppError(.internal, "Something went wrong with this request.", detail: "\(error)")
            }
        }
    }

    // MARK: Control channel

    /// Marks turns cancelled as `cancel <turn_id>` messages arrive; after a pub/sub gap it
    /// re-reads the durable flags of every running turn.
    private func followControlChannel(_ subscriber: RedisSubscriber) async {
        for await event in subscriber.events {
            switch event {
            case .patternMessage(_, _, let payload), .message(_, let payload):
                let text = String(decoding: payload, as: UTF8.self)
                if text.hasPrefix("cancel ") { cancellations.cancel(turnID: String(text.dropFirst(7))) }
            case .reconnected:
                for (turnID, sessionID) in cancellations.runningTurns {
                    if (try? await queue.isCancelRequested(sessionID: sessionID, turnID: turnID)) == true {
                        cancellations.cancel(turnID: turnID)
                    }
                }
            }
        }
    }
}
