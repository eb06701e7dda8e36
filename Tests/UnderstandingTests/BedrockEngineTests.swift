import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Shared
import Testing
@testable import Understanding

/// The Bedrock engine against a local double that checks each request's SigV4 signature with
/// the secret key and answers Converse JSON or ConverseStream event-stream frames with valid CRCs.
@Suite(.timeLimit(.minutes(1)))
struct BedrockEngineTests {
    static let modelID = "anthropic.claude-3-haiku-20240307-v1:0"
    static let environment = ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret/test+key",
                              "AWS_SESSION_TOKEN": "session-token"]

    static func frame(_ eventType: String, _ payload: String, messageType: String = "event") -> [UInt8] {
        var headers: [String: EventStreamMessage.HeaderValue] = [":message-type": .string(messageType),
                                                                  ":content-type": .string("application/json")]
        headers[messageType == "event" ? ":event-type" : ":exception-type"] = .string(eventType)
        return EventStreamCodec.encode(EventStreamMessage(headers: headers, payload: Array(payload.utf8)))
    }

    static func delta(_ text: String) -> [UInt8] {
        frame("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"\#(text)"},"p":"abc"}"#)
    }

    static let opening = frame("messageStart", #"{"role":"assistant"}"#)
    static let closing = frame("contentBlockStop", #"{"contentBlockIndex":0}"#) + frame("messageStop", #"{"stopReason":"end_turn"}"#)
        + frame("metadata", #"{"usage":{"inputTokens":10,"outputTokens":3},"metrics":{"latencyMs":100}}"#)

    /// Recomputes the signature of a received request; nil when it verifies, else why not.
    static func verify(_ request: Request, body: [UInt8]) -> String? {
        guard let authorization = request.headers[.authorization],
              let amzDate = request.headers[HTTPField.Name("x-amz-date")!] else { return "unsigned" }
        let parts = authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var fields: [String: String] = [:]
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"],
              let signature = fields["Signature"] else { return "malformed authorization" }
        let scope = credential.split(separator: "/")
        guard scope.count == 5, scope[0] == "AKIDTEST", scope[2] == "us-west-2", scope[3] == "bedrock" else {
            return "wrong scope \(credential)"
        }
        guard signedHeaders.contains("x-amz-security-token"),
              request.headers[HTTPField.Name("x-amz-security-token")!] == "session-token" else { return "no session token" }
        var components = DateComponents()
        let digits = Array(amzDate.filter(\.isNumber)).map { Int(String($0)) ?? 0 }
        guard digits.count == 14 else { return "bad date" }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        components.year = number(0..<4); components.month = number(4..<6); components.day = number(6..<8)
        components.hour = number(8..<10); components.minute = number(10..<12); components.second = number(12..<14)
        components.timeZone = TimeZone(identifier: "UTC")
        guard let date = Calendar(identifier: .gregorian).date(from: components),
              abs(date.timeIntervalSinceNow) < 300 else { return "stale date" }
        // HTTP types keep Host as the request's authority, not as a header field.
        let headers = signedHeaders.split(separator: ";").map { name in
            (String(name), name == "host" ? (request.head.authority ?? "")
                : HTTPField.Name(String(name)).flatMap { request.headers[$0] } ?? "")
        }
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret/test+key"),
                                 region: "us-west-2", service: "bedrock")
        let expected = signer.sign(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                   headers: headers, payloadHash: SigV4Signer.hexSHA256(body), date: date)
        return expected.signature == signature ? nil : "signature mismatch"
    }

    static func router(_ calls: Calls, behaviour: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/model/:id/:operation") { request, context -> Response in
            let body = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            calls.record(request.uri.path)
            if let problem = verify(request, body: body) {
                _ = calls.next("rejected")
                return Response(status: .forbidden, headers: [HTTPField.Name("x-amzn-ErrorType")!: "InvalidSignatureException"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"message":"\#(problem)"}"#)))
            }
            let operation = context.parameters.get("operation") ?? ""
            let call = calls.next(operation)
            guard let json = try? JSONValue.parse(String(decoding: body, as: UTF8.self)), json["messages"] != nil else {
                return Response(status: .badRequest)
            }
            if behaviour == "throttle-once" && call == 1 {
                return Response(status: .tooManyRequests, headers: [HTTPField.Name("x-amzn-ErrorType")!: "ThrottlingException"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"message":"Too many requests"}"#)))
            }
            if operation == "converse" {
                let text = behaviour == "malformed" ? "no JSON here" : laptopSpecJSON
                let escaped = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                let answer = #"{"output":{"message":{"role":"assistant","content":[{"text":\#(escaped)}]}},"stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}"#
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: answer)))
            }
            let chunks: [[UInt8]]
            switch behaviour {
            case "exception": chunks = [opening, frame("throttlingException", #"{"message":"slow down"}"#, messageType: "exception")]
            case "truncated": chunks = [opening, delta("Half "), delta("a reply")]
            case "corrupt":
                var bad = delta("x")
                bad[bad.count - 1] ^= 0xFF
                chunks = [opening, bad]
            default:
                // Frames split at awkward places, as TCP may deliver them.
                let all = opening + delta("The ") + delta("Dell ") + delta("fits.") + closing
                chunks = [Array(all[0..<7]), Array(all[7..<100]), Array(all[100...])]
            }
            return streamingResponse(contentType: "application/vnd.amazon.eventstream", chunks: chunks)
        }
        return router
    }

    static func engine(_ port: Int, environment: [String: String] = environment) throws -> ModelEngine {
        let model = BedrockChatModel(
            BedrockConfiguration(region: "us-west-2", modelID: modelID, endpoint: "http://127.0.0.1:\(port)"),
            credentials: AWSCredentialsProvider(environment: environment),
            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)), timeout: .seconds(5))
        return try ModelEngine(kind: "bedrock", model: model, fallback: EmbeddedEngine(), prompts: try PromptLibrary.bundled(),
                               timeout: .seconds(5), logger: testLogger)
    }

    static let turn = TurnContext(text: "dell gaming laptop under 1200")
    static let noResults = SearchResults(products: [], totalFound: 0, sources: [])

    @Test func converseAnswersAreSignedAndDecoded() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls, behaviour: "ok")) { port in
            let engine = try Self.engine(port)
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops" && spec.budget.max == 1200 && spec.attributes["ram"] == "16GB")
            #expect(calls.count("rejected") == 0)
            #expect(calls.count("converse") == 1)
            #expect(calls.lastBody == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse")
        }
    }

    @Test func converseStreamFramesBecomeTokens() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls, behaviour: "ok")) { port in
            let engine = try Self.engine(port)
            var tokens: [String] = []
            for try await token in engine.composeReply(Self.turn, spec: RequirementSpec(), results: Self.noResults) {
                tokens.append(token)
            }
            #expect(tokens == ["The ", "Dell ", "fits."])
            #expect(calls.count("converse-stream") == 1 && calls.count("rejected") == 0)
        }
    }

    @Test func throttlingIsRetriedWithBackoff() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls, behaviour: "throttle-once")) { port in
            let engine = try Self.engine(port)
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.budget.max == 1200)
            #expect(calls.count("converse") == 2)
            #expect(engine.fallbackCounts.isEmpty)
        }
    }

    @Test func aWrongSecretIsRejectedByTheDoubleAndTheEngineFallsBack() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls, behaviour: "ok")) { port in
            var environment = Self.environment
            environment["AWS_SECRET_ACCESS_KEY"] = "wrong"
            let engine = try Self.engine(port, environment: environment)
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec == (try await EmbeddedEngine().buildSpec(Self.turn)))
            #expect(calls.count("rejected") == 1)
            #expect(engine.fallbackCounts["build_requirement_spec"] == 1)
        }
    }

    @Test func anExceptionFrameBeforeAnyTokenFallsBack() async throws {
        try await withServer(Self.router(Calls(), behaviour: "exception")) { port in
            let engine = try Self.engine(port)
            let reply = try await engine.composeReply(Self.turn, spec: RequirementSpec(category: "Laptops"),
                                                      results: Self.noResults).collect()
            #expect(reply.hasPrefix("I couldn't find any laptops"))
            #expect(engine.fallbackCounts["rank_and_compose"] == 1)
        }
    }

    @Test func aCorruptFrameFallsBackAndATruncatedStreamKeepsItsTokens() async throws {
        try await withServer(Self.router(Calls(), behaviour: "corrupt")) { port in
            let engine = try Self.engine(port)
            let reply = try await engine.composeReply(Self.turn, spec: RequirementSpec(category: "TVs"), results: Self.noResults).collect()
            #expect(reply.hasPrefix("I couldn't find any TVs"))
        }
        try await withServer(Self.router(Calls(), behaviour: "truncated")) { port in
            let engine = try Self.engine(port)
            let reply = try await engine.composeReply(Self.turn, spec: RequirementSpec(), results: Self.noResults).collect()
            #expect(reply == "Half a reply")
        }
    }

    @Test func malformedConverseAnswersAreReAskedThenFallBack() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls, behaviour: "malformed")) { port in
            let engine = try Self.engine(port)
            let decision = try await engine.decideClarification(Self.turn, spec: RequirementSpec())
            #expect(decision == ClarifyDecision(shouldAsk: false, missingFields: []))
            #expect(calls.count("converse") == 2)
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct AWSCredentialsTests {
    @Test func theSharedCredentialsFileAndProfileAreRead() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)").path
        try """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultsecret
        # a comment
        [profile prod]
        aws_access_key_id=AKIDPROD
        aws_secret_access_key=prodsecret
        aws_session_token=prodtoken
        """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = AWSCredentialsProvider(environment: ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "prod"])
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "AKIDPROD" && credentials.sessionToken == "prodtoken")
    }

    @Test func theContainerEndpointIsAskedWithItsToken() async throws {
        let calls = Calls()
        let router = Router()
        router.get("/creds") { request, _ -> Response in
            _ = calls.next("creds")
            guard request.headers[.authorization] == "container-token" else { return Response(status: .unauthorized) }
            let expiry = Date().addingTimeInterval(3600).formatted(.iso8601)
            let body = #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"s3cr3t","Token":"tok","Expiration":"\#(expiry)"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await withServer(router) { port in
            let provider = AWSCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:\(port)/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-token", "HOME": "/nonexistent",
            ], endpointTimeout: .seconds(30))  // a loaded CI machine, not the endpoint, is what is slow here
            let first = try await provider.credentials()
            let second = try await provider.credentials()
            #expect(first.accessKeyID == "ASIACONTAINER" && first.sessionToken == "tok" && first.expiration != nil)
            #expect(second == first)
            #expect(calls.count("creds") == 1)  // cached until shortly before it expires
        }
    }

    @Test func noCredentialsIsAClearError() async throws {
        let provider = AWSCredentialsProvider(environment: ["HOME": "/nonexistent"])
        await #expect(throws: ModelError.self) { try await provider.credentials() }
    }
}
