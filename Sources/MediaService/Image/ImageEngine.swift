/// What an engine says a product is, beyond its pixel colours.
public struct ImageDescription: Sendable, Equatable {
    /// What the product is, most specific first ("sneakers", "running shoes").
    public var labels: [String]
    /// Extra attributes (`category`, `material`, `style`…); the pixel engine's own keys win.
    public var attributes: [String: String]

    public init(labels: [String], attributes: [String: String]) {
        self.labels = labels
        self.attributes = attributes
    }
}

/// Why an engine gave no description.
public enum ImageEngineError: Error, Sendable, Equatable, CustomStringConvertible {
    case timeout
    case unavailable(String)
    /// The engine answered, but not with a valid description.
    case malformed(String)

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .unavailable(let reason): "unavailable: \(reason)"
        case .malformed(let reason): "malformed answer: \(reason)"
        }
    }
}

/// An engine that describes a product photo (the `vision` engine). The offline `pixels` engine
/// needs none: its colours and attributes are always computed.
public protocol ImageDescribing: Sendable {
    /// The name reported in `engine`.
    var name: String { get }
    /// - Parameters:
    ///   - image: the decoded image, turned for display.
    ///   - pixels: the pixel analysis, which the engine may use as a hint.
    func describe(_ image: DecodedImage, pixels: PixelAnalysis) async throws(ImageEngineError) -> ImageDescription
}

/// Which engine answers image requests (`MEDIA_IMAGE_ENGINE`).
public enum ImageEngineKind: String, Sendable, CaseIterable {
    /// Offline: decoded pixels only.
    case pixels
    /// An OpenAI-compatible chat endpoint with image input adds labels and attributes.
    case vision
}
