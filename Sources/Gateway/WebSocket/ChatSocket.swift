import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOWebSocket
import ServiceLifecycle
import Shared
import Synchronization
import WSCore

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

/// `GET /ws/chat` (protocol.md §1): the upgrade decision, then the socket's two loops.
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
            return .accept { inbound, outbound, context in
                await run(admission, remoteAddress: request.remoteAddress, inbound: inbound, outbound: outbound,
                          context: context)
            }
        } catch {
            services.metrics.upgradeRefusals.increment()
            services.metrics.rejection(error.code).increment()
            return .refuse(error)
        }
    }

    /// Runs one accepted socket until either side closes it.
    func run(_ admission: Admission, remoteAddress: String, inbound: WebSocketInboundStream,
             outbound: WebSocketOutboundWriter, context: GatewaySocketContext) async {
        var socketLogger = context.logger
        socketLogger[metadataKey: "session_id"] = "\(admission.sessionID)"
        let logger = socketLogger
        let connection: ChatConnection
        do {
            connection = try await services.manager.register(userID: admission.userID, sessionID: admission.sessionID,
                                                             remoteAddress: remoteAddress)
        } catch {
            let appError = (error as? AppError) ?? AppError(.unavailable, "try again", detail: "\(error)")
            try? await outbound.write(.text(encode(ServerEvent(.error(ErrorData(appError))))))
            try? await outbound.close(appError.code == .overCapacity ? WebSocketErrorCode(codeNumber: 1013) : .unexpectedServerError,
                                      reason: appError.message)
            return
        }
        defer { services.manager.unregister(connection) }
        var recovered: Bool?
        if let lastEventID = admission.lastEventID {
            recovered = (try? await services.sessions.historyReaches(back: lastEventID, of: admission.sessionID)) ?? false
        }
        let connected = ConnectedData(
            sessionID: admission.sessionID, userID: admission.userID, resumed: admission.isResumed,
            stage: admission.stage, heartbeatIntervalSeconds: Int(config.heartbeatInterval.components.seconds),
            server: .init(version: config.serverVersion, instance: config.common.instanceID), recovered: recovered)
        guard (try? await send(encode(ServerEvent(.connected(connected), sessionID: admission.sessionID)), on: outbound)) != nil else {
            return
        }
        logger.debug("socket connected", metadata: ["connection.id": "\(connection.id)"])
        context.shutdown.onShutdown {
            // Clients reconnect to another instance; a frame being enqueued is answered first.
            connection.requestClose(code: 1001, reason: "server shutting down")
        }
        await withDiscardingTaskGroup { group in
            group.addTask {
                await deliver(to: connection, admission: admission, outbound: outbound, logger: logger)
            }
            // The inbound loop ends when the close handshake is done (whoever started it).
            await receive(from: connection, inbound: inbound, outbound: outbound, logger: logger)
            group.cancelAll()
        }
    }

    // MARK: Delivery

    /// Replays the history after the last event the client saw, then sends live events; every
    /// event goes out once, in id order, because only this loop sends them and it skips ids it passed.
    private func deliver(to connection: ChatConnection, admission: Admission, outbound: WebSocketOutboundWriter,
                         logger: Logger) async {
        var lastSent = admission.lastEventID
        do {
            if lastSent != nil {
                try await replay(sessionID: admission.sessionID, after: &lastSent, on: outbound, connection: connection)
            } else if admission.isResumed {
                lastSent = try? await services.sessions.lastEventID(of: admission.sessionID)
            }
            for await item in connection.feed {
                if connection.takeResyncNeed() {
                    try await replay(sessionID: admission.sessionID, after: &lastSent, on: outbound, connection: connection)
                }
                switch item {
                case .live(let batch):
                    for event in batch {
                        if let last = lastSent, event.id <= last { continue }  // already sent by the replay
                        try await send(event.frame, on: outbound)
                        lastSent = event.id
                    }
                case .resync:
                    try await replay(sessionID: admission.sessionID, after: &lastSent, on: outbound, connection: connection)
                case .frame(let text):
                    try await send(text, on: outbound)
                case .close(let code, let reason):
                    try await outbound.close(WebSocketErrorCode(codeNumber: Int(code)), reason: reason)
                    return
                }
            }
        } catch {
            logger.debug("delivery ended", metadata: ["error": "\(error)"])
        }
    }

    /// Sends every stored event after `last`, page by page, advancing `last` as it goes. Redis
    /// errors (a restart in progress) are retried for a while; if the history stays unreadable the
    /// connection is marked to re-read it with the next item, so the delivery loop never dies of a
    /// broker outage. Only a failed socket write ends it.
    private func replay(sessionID: String, after last: inout EventID?, on outbound: WebSocketOutboundWriter,
                        connection: ChatConnection) async throws {
        for _ in 0..<max(1, config.eventHistoryMax / 500 + 2) {  // bounded: the history is bounded
            guard let page = await readPage(sessionID: sessionID, after: last) else {
                connection.markResyncNeeded()
                return
            }
            for event in page {
                try await send(event.frame, on: outbound)
                last = event.id
            }
            if page.count < 500 { return }
        }
    }

    /// One page of history, retried with backoff for about 10 s; `nil` when Redis stays unavailable.
    private func readPage(sessionID: String, after: EventID?) async -> [StoredEvent]? {
        var delay = Duration.milliseconds(20)
        for _ in 0..<25 {
            if let page = try? await services.sessions.events(of: sessionID, after: after, limit: 500) { return page }
            do {
                try await Task.sleep(for: delay)  // backoff between retries of a failed read
            } catch {
                return nil
            }
            delay = min(delay * 2, .milliseconds(500))
        }
        return nil
    }

    // MARK: Inbound

    private func receive(from connection: ChatConnection, inbound: WebSocketInboundStream,
                         outbound: WebSocketOutboundWriter, logger: Logger) async {
        do {
            for try await message in inbound.messages(maxSize: config.maxFrameBytes) {
                services.metrics.messagesIn.increment()
                // Closing: drain until the client answers the close frame.
                if connection.isClosing { continue }
                let parsed: Result<ClientMessage, AppError>
                switch message {
                case .binary:
                    parsed = .failure(AppError(.unsupportedFrame, "binary frames are not supported; send JSON text"))
                case .text(let text):
                    do throws(AppError) {
                        parsed = .success(try ClientMessage.parse(frame: Array(text.utf8)))
                    } catch {
                        parsed = .failure(error)
                    }
                }
                if case .success(let message) = parsed, message.type == .pong {
                    connection.receivedPong()
                    continue
                }
                guard services.manager.admitFrame(from: connection) else {
                    let strikes = connection.state.withLock { state in
                        state.strikes += 1
                        return state.strikes
                    }
                    try await reject(AppError(.rateLimited, "too many messages; slow down"), on: outbound)
                    if strikes >= config.rateLimitStrikes {
                        // protocol.md §1.4: repeated abuse closes with 1008 (frames until then are dropped).
                        connection.requestClose(code: 1008, reason: "rate limit exceeded repeatedly")
                    }
                    continue
                }
                connection.state.withLock { $0.strikes = 0 }
                switch parsed {
                case .failure(let error):
                    try await reject(error, on: outbound)  // invalid_json, invalid_message, unsupported_frame: stays open
                case .success(let message):
                    guard connection.beginProcessing() else { continue }
                    defer { connection.endProcessing() }
                    if try await handle(message, connection: connection, outbound: outbound, logger: logger) == false {
                        return
                    }
                }
            }
        } catch {
            if "\(error)".contains("messageTooLarge") {
                // protocol.md §1.4: over the limit → message_too_large, closed with 1009 (by WSCore).
                try? await reject(AppError(.messageTooLarge, "frame is larger than \(config.maxFrameBytes) bytes"),
                                  on: outbound)
            }
            logger.debug("inbound ended", metadata: ["error": "\(error)"])
        }
    }

    /// Handles one valid client message; `false` when the socket should stop reading.
    private func handle(_ message: ClientMessage, connection: ChatConnection, outbound: WebSocketOutboundWriter,
                        logger: Logger) async throws -> Bool {
        switch message.type {
        case .pong:
            connection.receivedPong()
        case .disconnect:
            try await outbound.close(.normalClosure, reason: "bye")
            return false
        case .cancel:
            do throws(AppError) {
                try await services.turns.cancelRunningTurn(sessionID: connection.sessionID)
            } catch {
                try await reject(error, on: outbound)
            }
        case .message, .answer:
            let started = ContinuousClock.now
            do throws(AppError) {
                let media = try await services.media.resolve(message.media, userID: connection.userID)
                let turn = try await services.turns.enqueue(sessionID: connection.sessionID, userID: connection.userID,
                                                            message: message, media: media)
                services.metrics.enqueueLatency.recordDuration(since: started)
                let ack = ServerEvent(.ack(AckData(clientMessageID: message.clientMessageID, turnID: turn.turnID,
                                                   queuedBehind: turn.queuedBehind)),
                                      sessionID: connection.sessionID, turnID: turn.turnID)
                try? await send(encode(ack), on: outbound)
                logger.debug("turn enqueued", metadata: ["turn_id": "\(turn.turnID)", "duplicate": "\(turn.isDuplicate)"])
            } catch {
                try await reject(error, on: outbound)
            }
        }
        return true
    }

    private func reject(_ error: AppError, on outbound: WebSocketOutboundWriter) async throws {
        services.metrics.rejection(error.code).increment()
        try await send(encode(ServerEvent(.error(ErrorData(error)))), on: outbound)
    }

    private func send(_ text: String, on outbound: WebSocketOutboundWriter) async throws {
        try await outbound.write(.text(text))
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
