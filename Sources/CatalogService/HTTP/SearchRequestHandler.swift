import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Shared
import Synchronization

/// Answers `POST /v1/search` in the connection's channel pipeline, ahead of Hummingbird's router.
///
/// Every conversation turn makes one search. Through the router, each one also crossed
/// `NIOAsyncChannel`'s inbound stream and outbound writer, the router and its middleware, about a
/// fifth of the catalog's CPU per turn (docs/performance.md, round 10). This handler reads
/// the request's parts as they are decoded, runs the search in a task on the channel's event loop
/// and writes the answer itself; any other request passes through to Hummingbird untouched.
///
/// HTTP/1.1 lets a client send its next request before the answer to the last one (pipelining),
/// and answers must go back in order. So while a search is answered, or while Hummingbird still
/// answers a request that has been read whole, later request parts wait here, and so does the
/// next socket read; they go on once that answer has been written.
final class SearchRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Between requests.
        case idle
        /// Reading a search's body; `body` is nil once it grew past the limit.
        case reading(contentType: String?, closesAfter: Bool, body: ByteBuffer?)
        /// The search runs; its answer is not written yet.
        case answering
        /// Hummingbird has the request; it is ours again once both its end and the answer's end passed.
        case passing(requestEnded: Bool, answerEnded: Bool)
    }

    /// The status and JSON body for a search's content type and body (nil when it was too large).
    typealias Respond = @Sendable (_ contentType: String?, _ body: ByteBuffer?) async -> (HTTPResponse.Status, ByteBuffer)

    private let respond: Respond
    private let serverName: String
    private var state = State.idle
    /// Request parts that came while an earlier request was being answered, oldest first.
    private var waiting: [HTTPRequestPart] = []
    private var holdsRead = false
    private var holdsQuiesce = false

    init(serverName: String, respond: @escaping Respond) {
        self.serverName = serverName
        self.respond = respond
    }

    /// Whether this handler answers `head` itself.
    static func answers(_ head: HTTPRequest) -> Bool {
        guard head.method == .post, let path = head.path else { return false }
        return path == "/v1/search" || path.hasPrefix("/v1/search?")
    }

    /// Whether the request in hand makes a new part wait: a search being answered, or a request
    /// Hummingbird has read whole and not answered yet.
    private var stateHoldsParts: Bool {
        switch state {
        case .answering, .passing(requestEnded: true, _): true
        case .idle, .reading, .passing(requestEnded: false, _): false
        }
    }

    /// Whether a part that comes now must wait: behind the request in hand or behind older parts.
    private var mustWait: Bool { stateHoldsParts || !waiting.isEmpty }

    /// A search being read or answered, which Hummingbird's connection handler does not know of.
    private var hasSearch: Bool {
        switch state {
        case .reading, .answering: true
        case .idle, .passing: false
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if mustWait {
            waiting.append(part)
        } else {
            take(part, context: context)
        }
    }

    private func take(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch (state, part) {
        case (.idle, .head(let head)) where Self.answers(head):
            let contentType = head.headerFields[.contentType]
            state = .reading(contentType: contentType, closesAfter: head.headerFields[.connection]?.lowercased() == "close",
                             body: context.channel.allocator.buffer(capacity: 1024))
        case (.idle, .head):
            state = .passing(requestEnded: false, answerEnded: false)
            context.fireChannelRead(wrapInboundOut(part))
        case (.reading(let contentType, let closesAfter, var body), .body(var chunk)):
            state = .idle  // for a moment, so that `body` is the buffer's one reference while it grows
            if body != nil, body!.readableBytes + chunk.readableBytes <= CatalogRoutes.maximumJSONBody {
                body!.writeBuffer(&chunk)
            } else {
                body = nil
            }
            state = .reading(contentType: contentType, closesAfter: closesAfter, body: body)
        case (.reading(let contentType, let closesAfter, let body), .end):
            state = .answering
            answer(contentType: contentType, body: body, closesAfter: closesAfter, context: context)
        case (.passing(_, let answerEnded), .end):
            state = .passing(requestEnded: true, answerEnded: answerEnded)
            context.fireChannelRead(wrapInboundOut(part))
            settleIfPassed(context: context)
        case (.passing, _), (.idle, _):
            // Parts of a request Hummingbird has (or of one that begins without a head, which its
            // handler rejects).
            context.fireChannelRead(wrapInboundOut(part))
        case (.reading, .head), (.answering, _):
            // Cannot happen: the HTTP decoder ends a request before the next head, and parts that
            // come while answering wait.
            waiting.append(part)
        }
    }

    /// Runs the search and writes its answer on the channel's event loop.
    private func answer(contentType: String?, body: ByteBuffer?, closesAfter: Bool, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let boundContext = NIOLoopBound(context, eventLoop: loop)
        let bound = NIOLoopBound(self, eventLoop: loop)
        let respond = respond
        Task {
            let (status, json) = await respond(contentType, body)
            if loop.inEventLoop {
                bound.value.write(status: status, json: json, closesAfter: closesAfter, context: boundContext.value)
            } else {
                loop.execute {
                    bound.value.write(status: status, json: json, closesAfter: closesAfter, context: boundContext.value)
                }
            }
        }
    }

    private func write(status: HTTPResponse.Status, json: ByteBuffer, closesAfter: Bool, context: ChannelHandlerContext) {
        var fields = HTTPFields()
        fields.reserveCapacity(5)
        fields[.contentType] = CatalogRoutes.jsonContentType
        fields[.contentLength] = String(json.readableBytes)
        fields[.date] = HTTPDate.now()
        fields[.server] = serverName
        if closesAfter { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(json)), promise: nil)
        if closesAfter {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.close(promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        state = .idle
        resume(context: context)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
        if case .end = unwrapOutboundIn(data), case .passing(let requestEnded, _) = state {
            state = .passing(requestEnded: requestEnded, answerEnded: true)
            settleIfPassed(context: context)
        }
    }

    /// Back to idle once Hummingbird has both read and answered its request.
    private func settleIfPassed(context: ChannelHandlerContext) {
        guard case .passing(true, true) = state else { return }
        state = .idle
        resume(context: context)
    }

    /// Takes the parts that waited, in order, until one must wait again; then lets a held read
    /// and shutdown notice through when nothing holds them any more.
    private func resume(context: ChannelHandlerContext) {
        var handedOn = false
        while !waiting.isEmpty, !stateHoldsParts {
            take(waiting.removeFirst(), context: context)
            handedOn = true
        }
        if handedOn { context.fireChannelReadComplete() }  // Hummingbird's async channel takes parts at a read's end
        if holdsQuiesce, !hasSearch, waiting.isEmpty {
            holdsQuiesce = false
            context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        if holdsRead, waiting.isEmpty {
            holdsRead = false
            context.read()
        }
    }

    /// A read waits while parts wait: a client that pipelines gets its next requests read no
    /// further than one read past the request in hand. A client that sends one request at a time
    /// (the orchestrator) never has a part waiting, so its socket stays registered for reading
    /// while its search is answered; holding that read cost two `epoll_ctl` calls per request.
    func read(context: ChannelHandlerContext) {
        if waiting.isEmpty {
            context.read()
        } else {
            holdsRead = true
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // At shutdown, Hummingbird's connection handler closes a connection it thinks idle; it does
        // not see the searches answered here, so the notice waits until they are.
        if event is ChannelShouldQuiesceEvent, hasSearch || !waiting.isEmpty {
            holdsQuiesce = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// The `Date` header's text, made once a second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let second = time.tv_sec
        return cache.withLock { cached in
            if cached.second != second {
                cached = (second, format(second))
            }
            return cached.text
        }
    }

    /// `Wed, 03 Dec 2026 08:10:00 GMT` (RFC 9110's IMF-fixdate).
    static func format(_ second: Int) -> String {
        var seconds = time_t(second)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
