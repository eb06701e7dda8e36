import NIOCore
import NIOEmbedded
import NIOWebSocket
import Shared
import Testing

@testable import Gateway

/// What a connection writes while a client frame is processed: a turn's events follow the `ack`
/// that names the turn, however fast a worker publishes them.
struct DeliveryOrderTests {
    /// A connection past its initial catch-up, writing to an embedded channel.
    static func connection() -> (ChatConnection, ChatSocketIO, EmbeddedChannel) {
        let channel = EmbeddedChannel()
        let io = ChatSocketIO(channel: channel)
        let connection = ChatConnection(id: 1, userID: "u", sessionID: "s_order", remoteAddress: "test",
                                        bucket: TokenBucket(rate: 10, burst: 10), io: io, metrics: GatewayMetrics())
        connection.endReplay(failed: false)
        return (connection, io, channel)
    }

    /// The text frames written so far.
    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        channel.embeddedEventLoop.run()
        var texts: [String] = []
        while let frame = try channel.readOutbound(as: WebSocketFrame.self) {
            texts.append(String(buffer: frame.unmaskedData))
        }
        return texts
    }

    static let done = StoredEvent(id: EventID(milliseconds: 5, sequence: 0), json: #"{"type":"done"}"#)

    @Test func eventsPushedWhileAFrameIsProcessedFollowItsAnswer() throws {
        let (connection, io, channel) = Self.connection()
        #expect(connection.beginProcessing())
        connection.push(.live([Self.done]))  // the worker was quicker than the enqueue's reply
        connection.push(.frame(#"{"type":"ping"}"#))
        #expect(try Self.written(channel).isEmpty)
        io.write(#"{"type":"ack"}"#)
        connection.endProcessing()
        #expect(try Self.written(channel) == [#"{"type":"ack"}"#, Self.done.frame, #"{"type":"ping"}"#])
    }

    @Test func eventsPushedBetweenFramesGoOutAtOnce() throws {
        let (connection, _, channel) = Self.connection()
        connection.push(.live([Self.done]))
        #expect(try Self.written(channel) == [Self.done.frame])
        #expect(connection.beginProcessing())
        connection.endProcessing()
        #expect(try Self.written(channel).isEmpty)  // nothing held, nothing sent twice
    }
}
