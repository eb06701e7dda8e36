import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Shared

/// Settings of the `vision` engine.
public struct VisionSettings: Sendable, Equatable {
    /// Base URL of an OpenAI-compatible API, including its version path (`https://api.openai.com/v1`).
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Per-attempt timeout.
    public var timeout: Duration
    /// The longer side of the JPEG sent to the model.
    public var imageSide: Int

    public init(baseURL: String, model: String, apiKey: String? = nil, timeout: Duration = .seconds(10),
                imageSide: Int = 512) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.imageSide = imageSide
    }
}

/// Labels and attributes from an OpenAI-compatible `/chat/completions` endpoint with image input:
/// the image goes as a `data:` URL in an `image_url` content part, and the model is asked for one
/// JSON object, which is validated before anything reaches a caller.
public struct VisionEngine: ImageDescribing {
    public let name = "vision"
    public let settings: VisionSettings
    private let client: ServiceHTTPClient
    private let logger: Logger

    public init(settings: VisionSettings, logger: Logger, retry: RetryPolicy = RetryPolicy(maxAttempts: 2)) {
        self.settings = settings
        self.logger = logger
        client = ServiceHTTPClient(service: "vision-model", baseURL: settings.baseURL, timeout: settings.timeout,
                                   retry: retry, maxResponseBytes: 1 << 20, logger: logger)
    }

    static let instructions = """
        You describe one product photo for a shopping search. Answer with a single JSON object and \
        nothing else: {"labels": [...], "attributes": {...}}. "labels": 1 to 5 short lowercase nouns \
        naming what the product is, most specific first (for example "running shoes", "sneakers"). \
        "attributes": string values for whichever of these you can see: "category", "material", \
        "style", "pattern", "gender", "brand" (only when a logo or name is legible).
        """

    public func describe(_ image: DecodedImage, pixels: PixelAnalysis) async throws(ImageEngineError) -> ImageDescription {
        let jpeg: [UInt8]
        do { jpeg = try ImageEncoder.jpeg(image.image.downsampled(maxSide: settings.imageSide), quality: 85) } catch {
            throw .unavailable("could not encode the image: \(error)")
        }
        let colours = pixels.colors.map(\.name).joined(separator: ", ")
        let request = ChatRequest(
            model: settings.model,
            messages: [
                .init(role: "system", content: [.text(Self.instructions)]),
                .init(role: "user", content: [
                    .text("Describe this product." + (colours.isEmpty ? "" : " Its measured colours: \(colours).")),
                    .image("data:image/jpeg;base64," + Data(jpeg).base64EncodedString()),
                ]),
            ],
            temperature: 0, maxTokens: 300, responseFormat: .init(type: "json_object"))
        let body: [UInt8]
        do { body = Array(try JSONEncoder().encode(request)) } catch { throw .unavailable("request encoding: \(error)") }
        var headers: [(String, String)] = []
        if let key = settings.apiKey { headers.append(("Authorization", "Bearer \(key)")) }

        let response: ServiceResponse
        do {
            response = try await client.send(.POST, "/chat/completions", body: body, headers: headers)
        } catch {
            if case .timeout = error { throw .timeout }
            throw .unavailable(error.description)
        }
        guard (200..<300).contains(response.status) else { throw .unavailable("HTTP \(response.status)") }
        let content: String
        do {
            let answer = try JSONDecoder().decode(ChatResponse.self, from: Data(response.body.readableBytesView))
            guard let first = answer.choices.first?.message.content else { throw ImageEngineError.malformed("no choices") }
            content = first
        } catch let error as ImageEngineError {
            throw error
        } catch {
            throw .malformed("not a chat completion")
        }
        return try Self.parseDescription(content)
    }

    /// Validates the model's text: one JSON object (a Markdown fence around it is tolerated) with
    /// 1–8 string labels and string attributes; everything is trimmed, lowercased and bounded.
    static func parseDescription(_ content: String) throws(ImageEngineError) -> ImageDescription {
        guard let start = content.firstIndex(of: "{"), let end = content.lastIndex(of: "}"), start < end else {
            throw .malformed("no JSON object")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(content[start...end].utf8)) as? [String: Any] else {
                throw ImageEngineError.malformed("not an object")
            }
            object = parsed
        } catch {
            throw .malformed("invalid JSON")
        }
        guard let rawLabels = object["labels"] as? [Any] else { throw .malformed("labels missing") }
        var labels: [String] = []
        for case let label as String in rawLabels {
            let clean = normalised(label, maxLength: 60)
            if !clean.isEmpty, !labels.contains(clean), labels.count < 8 { labels.append(clean) }
        }
        guard !labels.isEmpty else { throw .malformed("no usable labels") }
        var attributes: [String: String] = [:]
        if let rawAttributes = object["attributes"] {
            guard let dictionary = rawAttributes as? [String: Any] else { throw .malformed("attributes not an object") }
            for key in dictionary.keys.sorted() where attributes.count < 12 {
                let cleanKey = normalised(key, maxLength: 32).replacingOccurrences(of: " ", with: "_")
                guard !cleanKey.isEmpty, cleanKey.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
                let value: String
                switch dictionary[key] {
                case let text as String: value = text
                case let number as NSNumber: value = number.stringValue
                default: continue  // nested values are dropped, not guessed at
                }
                let cleanValue = normalised(value, maxLength: 80)
                if !cleanValue.isEmpty { attributes[cleanKey] = cleanValue }
            }
        }
        return ImageDescription(labels: labels, attributes: attributes)
    }

    private static func normalised(_ text: String, maxLength: Int) -> String {
        // Control characters become spaces, then runs of white space one space.
        let printable = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) }
        let collapsed = String(printable).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return String(collapsed.lowercased().prefix(maxLength))
    }
}

// MARK: Wire format (OpenAI chat completions)

struct ChatRequest: Encodable {
    struct Message: Encodable {
        var role: String
        var content: [Part]
    }

    enum Part: Encodable {
        case text(String)
        case image(String)

        private enum CodingKeys: String, CodingKey { case type, text, imageURL = "image_url" }
        private struct ImageURL: Encodable { var url: String }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case .image(let url):
                try container.encode("image_url", forKey: .type)
                try container.encode(ImageURL(url: url), forKey: .imageURL)
            }
        }
    }

    struct ResponseFormat: Encodable { var type: String }

    var model: String
    var messages: [Message]
    var temperature: Double
    var maxTokens: Int
    var responseFormat: ResponseFormat

    private enum CodingKeys: String, CodingKey {
        case model, messages, temperature, maxTokens = "max_tokens", responseFormat = "response_format"
    }
}

struct ChatResponse: Decodable {
    struct Choice: Decodable { var message: Message }

    struct Message: Decodable {
        var content: String?

        private enum CodingKeys: String, CodingKey { case content }
        private struct Part: Decodable { var type: String; var text: String? }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // `content` is a string, or (some servers) an array of text parts.
            if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
                content = text
            } else if let parts = try? container.decodeIfPresent([Part].self, forKey: .content) {
                content = parts.compactMap(\.text).joined()
            } else {
                content = nil
            }
        }
    }

    var choices: [Choice]
}
