import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
@testable import Understanding

/// Counts calls per key across a double's handlers.
final class Calls: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    private let bodies = Mutex<[String]>([])

    /// Records a call and returns its number for `key` (1 for the first).
    func next(_ key: String) -> Int {
        counts.withLock { $0[key, default: 0] += 1; return $0[key, default: 0] }
    }

    func count(_ key: String) -> Int { counts.withLock { $0[key, default: 0] } }

    func record(_ body: String) { bodies.withLock { $0.append(body) } }

    var lastBody: String { bodies.withLock { $0.last ?? "" } }
}

/// Starts `router` on a free loopback port and runs `body` with the port.
func withServer<Context: RequestContext>(
    _ router: Router<Context>, _ body: @escaping @Sendable (Int) async throws -> Void
) async throws where Context: InitializableFromSource<ApplicationRequestContextSource> {
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          logger: Logger(label: "double"))
    try await app.test(.live) { client in
        try await body(try #require(client.port))
    }
}

/// A response that streams `chunks` and then ends (or is cut off: a body that simply stops).
func streamingResponse(contentType: String, chunks: [[UInt8]]) -> Response {
    Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody { writer in
        for chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
        try await writer.finish(nil)
    })
}

let testLogger = Logger(label: "understanding-tests")

/// A spec as a model would answer it, in the wire format.
let laptopSpecJSON = """
{"category":"laptops","query":"gaming laptop","keywords":["gaming"],"budget":{"min":null,"max":1200,"currency":"usd"},
 "brands":["Dell"],"excluded_brands":[],"attributes":{"ram":"16GB"},"features":[],"use_case":"gaming",
 "condition":null,"sort":"relevance","missing_fields":[],"confidence":0.9}
"""
