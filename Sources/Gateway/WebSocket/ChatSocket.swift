import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Shared
import Synchronization

/// The parts a socket needs.
struct GatewayServices: Sendable {
    let config: GatewayConfiguration
    let redis: RedisClient
    let sessions: SessionStore
    let turns: TurnQueue
    let media: MediaStore
    let manager: ConnectionManager
    let authenticator: Authenticator
    let origins: OriginPolicy
    let metrics: GatewayMetrics
}

/// `GET /ws/chat` (protocol.md §1): the upgrade decision, then the socket's task.
struct ChatSocket: Sendable {
    let services: GatewayServices

    private var config: GatewayConfiguration { services.config }

    /// What was decided about a socket before its upgrade.
    struct Admission: Sendable {
        var userID: String
        var sessionID: String
        var isResumed: Bool
        var stage: WorkflowStage
        var lastEventID: EventID?
    }

    /// protocol.md §1.1: refusals before the upgrade (403 origin, 429, 401, 503, 404).
    func admit(uri: String, headers: HTTPFields, host: String?, remoteAddress: String,
               createSession: Bool) async throws(AppError) -> Admission {
        try services.origins.check(origin: headers[.origin], host: host)
        guard services.manager.admitAttempt(from: remoteAddress) else {
            throw AppError(.rateLimited, "too many connection attempts; slow down")
        }
        let query = URI(uri).queryParameters.flatDictionary()
        let userID = try services.authenticator.userID(headers: headers, query: query)
        try services.manager.checkCapacity(for: userID)
        var lastEventID: EventID?
        if let text = query["last_event_id"] {
            guard let parsed = EventID(text) else { throw AppError(.badRequest, "last_event_id is not an event id") }
            lastEventID = parsed
        }
        do {
            if let sid = query["session_id"] {
                guard let owner = try await services.sessions.owner(of: sid), owner.userID == userID else {
                    throw AppError(.sessionNotFound, "no such session")
                }
                try await services.sessions.touch(sid)
                return Admission(userID: userID, sessionID: sid, isResumed: true, stage: owner.stage, lastEventID: lastEventID)
            }
            let sid = createSession ? try await services.sessions.create(for: userID) : ""
            return Admission(userID: userID, sessionID: sid, isResumed: false, stage: .received, lastEventID: nil)
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError(.unavailable, "sessions are unavailable; try again", detail: "\(error)")
        }
    }

    func decide(_ request: UpgradeRequest, logger: Logger) async -> UpgradeDecision {
        do {
            let admission = try await admit(uri: request.uri, headers: request.headers, host: request.host,
                                            remoteAddress: request.remoteAddress, createSession: true)
            // The socket keeps this closure for its lifetime: capture the address, not the request's headers.
            let remoteAddress = request.remoteAddress
            return .accept { io, context in
                await run(admission, remoteAddress: remoteAddress, io: io, context: context)
            }
        } catch {
            services.metrics.upgradeRefusals.increment()
            services.metrics.rejection(error.code).increment()
            return .refuse(error)
        }
    }

    /// Runs one accepted socket until either side closes it. This is the socket's only task: it
    /// reads client messages, and hands history replays its connection asks for to the manager
    /// (live events are written by the instance's router, see `ChatConnection`).
    func run(_ admission: Admission, remoteAddress: String, io: ChatSocketIO, context: GatewaySocketContext) async {
        var socketLogger = context.logger
        socketLogger[metadataKey: "session_id"] = "\(admission.sessionID)"
        let logger = socketLogger
        // Setting up (the confirmed subscription, history reads, `connected`) runs in a child task:
        // a task keeps the stack memory of its deepest call for its lifetime, and this one lives as
        // long as the socket, mostly waiting for its next frame.
        let setUp = await withTaskGroup(of: ChatConnection?.self) { group in
            group.addTask {
                await self.setUp(admission, remoteAddress: remoteAddress, io: io, shutdown: context.shutdown, logger: logger)
            }
            return await group.next() ?? nil
        }
        guard let connection = setUp else { return }
        defer { services.manager.unregister(connection) }
        // Ends when the channel closes (the close handshake done, whoever started it).
        await receive(from: connection, io: io, logger: logger)
    }

    /// Registers the socket, sends `connected` and catches up with the history; `nil` (the socket
    /// told why and closing) when the connection cannot be registered.
    private func setUp(_ admission: Admission, remoteAddress: String, io: ChatSocketIO, shutdown: ShutdownSignal,
                       logger: Logger) async -> ChatConnection? {
        let connection: ChatConnection
        do {
            connection = try await services.manager.register(userID: admission.userID, sessionID: admission.sessionID,
                                                             remoteAddress: remoteAddress, io: io,
                                                             metrics: services.metrics)
        } catch {
            let appError = (error as? AppError) ?? AppError(.unavailable, "try again", detail: "\(error)")
            io.write(encode(ServerEvent(.error(ErrorData(appError)))))
            io.close(code: appError.code == .overCapacity ? 1013 : 1011, reason: appError.message)
            return nil
        }
        var recovered: Bool?
        if let lastEventID = admission.lastEventID {
            recovered = (try? await services.sessions.historyReaches(back: lastEventID, of: admission.sessionID)) ?? false
        }
        let connected = ConnectedData(
            sessionID: admission.sessionID, userID: admission.userID, resumed: admission.isResumed,
            stage: admission.stage, heartbeatIntervalSeconds: Int(config.heartbeatInterval.components.seconds),
            server: .init(version: config.serverVersion, instance: config.common.instanceID), recovered: recovered)
        send(encode(ServerEvent(.connected(connected), sessionID: admission.sessionID)), on: io)
        logger.debug("socket connected", metadata: ["connection.id": "\(connection.id)"])
        shutdown.onShutdown {
            // Clients reconnect to another instance; a frame being enqueued is answered first.
            connection.requestClose(code: 1001, reason: "server shutting down")
        }
        // The initial catch-up: everything pushed since the subscription waits until it is done.
        if let lastEventID = admission.lastEventID {
            connection.setLastSent(lastEventID)
            connection.endReplay(failed: await services.manager.history.run(for: connection) == false)
        } else {
            if admission.isResumed {
                connection.setLastSent(try? await services.sessions.lastEventID(of: admission.sessionID))
            }
            connection.endReplay(failed: false)
        }
        return connection
    }

    // MARK: Inbound

    private func receive(from connection: ChatConnection, io: ChatSocketIO, logger: Logger) async {
        io.installFastPath { text in
            self.receiveOnLoop(text, connection: connection, io: io, logger: logger)
        }
        while let input = await io.next() {
            let message: ClientMessage
            if case .retryEnqueue(let retried, let request) = input {
                do throws(AppError) {
                    acknowledge(retried, turn: try await services.turns.enqueueAfterNoScript(request),
                                sessionID: connection.sessionID, on: io)
                } catch {
                    reject(error, on: io)
                }
                connection.endProcessing()
                continue
            } else if case .admitted(let admitted, let isProcessing) = input {
                message = admitted
                if !isProcessing {
                    guard connection.beginProcessing() else { continue }
                }
            } else {
                guard let admitted = admit(input, connection: connection, io: io),
                      connection.beginProcessing() else { continue }
                message = admitted
            }
            await handle(message, connection: connection, io: io, logger: logger)
            connection.endProcessing()
        }
        logger.debug("inbound ended")
    }

    /// The checks every input passes first (on the socket's task or, for text, the event loop):
    /// parses, answers what needs no Redis (pong, rate limits, invalid frames); the message to
    /// handle, or `nil` when the input is done with.
    private func admit(_ input: SocketInput, connection: ChatConnection, io: ChatSocketIO) -> ClientMessage? {
        let parsed: Result<ClientMessage, AppError>
        switch input {
        case .deliveryWake:
            // Replays run in the manager's tasks, beside this loop: retrying a history read
            // while Redis restarts must not hold up the answers to client frames.
            services.manager.replay(to: connection)
            return nil
        case .tooLarge:
            // protocol.md §1.4: over the limit → message_too_large, closed with 1009.
            reject(AppError(.messageTooLarge, "frame is larger than \(config.maxFrameBytes) bytes"), on: io)
            io.close(code: 1009, reason: "message too large")
            return nil
        case .admitted(let message, _), .retryEnqueue(let message, _):
            return message
        case .binary:
            services.metrics.messagesIn.increment()
            if connection.isClosing { return nil }  // closing: drain until the client answers the close frame
            parsed = .failure(AppError(.unsupportedFrame, "binary frames are not supported; send JSON text"))
        case .text(let text):
            services.metrics.messagesIn.increment()
            if connection.isClosing { return nil }
            do throws(AppError) {
                parsed = .success(try ClientMessage.parse(frame: Array(text.utf8)))
            } catch {
                parsed = .failure(error)
            }
        }
        if case .success(let message) = parsed, message.type == .pong {
            connection.receivedPong()
            return nil
        }
        guard services.manager.admitFrame(from: connection) else {
            let strikes = connection.state.withLock { state in
                state.strikes += 1
                return state.strikes
            }
            reject(AppError(.rateLimited, "too many messages; slow down"), on: io)
            if strikes >= config.rateLimitStrikes {
                // protocol.md §1.4: repeated abuse closes with 1008 (frames until then are dropped).
                connection.requestClose(code: 1008, reason: "rate limit exceeded repeatedly")
            }
            return nil
        }
        connection.state.withLock { $0.strikes = 0 }
        switch parsed {
        case .failure(let error):
            reject(error, on: io)  // invalid_json, invalid_message, unsupported_frame: stays open
            return nil
        case .success(let message):
            return message
        }
    }

    /// A text message on the channel's event loop, while the socket's task waits (`ChatSocketIO`'s
    /// claim): the checks, then a message without media goes straight to a Redis connection's
    /// thread, whose reply comes back to the event loop for the `ack`. No task wakes on the way
    /// (docs/performance.md, Gateway). Anything else (media, `cancel`, `disconnect`, a script
    /// Redis forgot) is handed to the task, still in order.
    private func receiveOnLoop(_ text: String, connection: ChatConnection, io: ChatSocketIO, logger: Logger) {
        guard let message = admit(.text(text), connection: connection, io: io) else { return io.endClaim() }
        guard message.type == .message || message.type == .answer, message.media.isEmpty else {
            return io.endClaim(handing: .admitted(message, isProcessing: false))
        }
        guard connection.beginProcessing() else { return io.endClaim() }
        let started = ContinuousClock.now
        let eventLoop = io.channel.eventLoop
        let submitted = services.turns.submitEnqueue(sessionID: connection.sessionID, userID: connection.userID,
                                                     message: message) { outcome in
            // On the Redis connection's event loop: the socket's own, or a hop to it.
            eventLoop.executeHere {
                switch outcome {
                case .done(.success(let turn)):
                    services.metrics.enqueueLatency.recordDuration(since: started)
                    acknowledge(message, turn: turn, sessionID: connection.sessionID, on: io)
                    logger.debug("turn enqueued", metadata: ["turn_id": "\(turn.turnID)", "duplicate": "\(turn.isDuplicate)"])
                case .done(.failure(let error)):
                    reject(error, on: io)
                case .retry(let request):
                    return io.endClaim(handing: .retryEnqueue(message, request))
                }
                connection.endProcessing()
                io.endClaim()
            }
        }
        if !submitted { io.endClaim(handing: .admitted(message, isProcessing: true)) }
    }

    private func acknowledge(_ message: ClientMessage, turn: EnqueuedTurn, sessionID: String, on io: ChatSocketIO) {
        let ack = ServerEvent(.ack(AckData(clientMessageID: message.clientMessageID, turnID: turn.turnID,
                                           queuedBehind: turn.queuedBehind)),
                              sessionID: sessionID, turnID: turn.turnID)
        send(encode(ack), on: io)
    }

    /// Handles one valid client message.
    private func handle(_ message: ClientMessage, connection: ChatConnection, io: ChatSocketIO, logger: Logger) async {
        switch message.type {
        case .pong:
            connection.receivedPong()
        case .disconnect:
            io.close(code: 1000, reason: "bye")  // the loop drains until the client answers
        case .cancel:
            do throws(AppError) {
                try await services.turns.cancelRunningTurn(sessionID: connection.sessionID)
            } catch {
                reject(error, on: io)
            }
        case .message, .answer:
            let started = ContinuousClock.now
            do throws(AppError) {
                let media = try await services.media.resolve(message.media, userID: connection.userID)
                let turn = try await services.turns.enqueue(sessionID: connection.sessionID, userID: connection.userID,
                                                            message: message, media: media)
                services.metrics.enqueueLatency.recordDuration(since: started)
                acknowledge(message, turn: turn, sessionID: connection.sessionID, on: io)
                logger.debug("turn enqueued", metadata: ["turn_id": "\(turn.turnID)", "duplicate": "\(turn.isDuplicate)"])
            } catch {
                reject(error, on: io)
            }
        }
    }

    private func reject(_ error: AppError, on io: ChatSocketIO) {
        services.metrics.rejection(error.code).increment()
        send(encode(ServerEvent(.error(ErrorData(error)))), on: io)
    }

    private func send(_ text: String, on io: ChatSocketIO) {
        io.write(text)
        services.metrics.messagesOut.increment()
    }

    private func encode(_ event: ServerEvent) -> String {
        (try? JSONCoding.encodeEvent(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension ContinuousClock.Instant {
    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension CoreMetrics.Timer {
    func recordDuration(since start: ContinuousClock.Instant) {
        recordNanoseconds(Int64(start.elapsedSeconds * 1e9))
    }
}
