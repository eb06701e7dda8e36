import Logging
import NIOCore
import NIOPosix
import Shared

/// The answer to `POST /v1/image/attributes`: the protocol's `image_attributes` fields plus the
/// image's size, format and timings.
public struct ImageAttributesResponse: Sendable, Codable, Equatable {
    public struct Timings: Sendable, Codable, Equatable {
        public var decodeMS: Double
        public var analyseMS: Double
        public var totalMS: Double

        enum CodingKeys: String, CodingKey {
            case decodeMS = "decode_ms", analyseMS = "analyse_ms", totalMS = "total_ms"
        }
    }

    public var colors: [NamedColor]
    public var attributes: [String: String]
    public var labels: [String]
    public var engine: String
    public var width: Int
    public var height: Int
    public var format: String
    public var timings: Timings

    /// The protocol event's payload.
    public var event: ImageAttributesData {
        ImageAttributesData(colors: colors, attributes: attributes, labels: labels, engine: engine)
    }
}

/// Validates, decodes and analyses uploaded images. CPU work runs on a thread pool (never on an
/// event loop or the cooperative pool), so at most that pool's width of images decode at once.
public struct ImageAnalyzer: Sendable {
    public let limits: ImageLimits
    /// The describing engine, or `nil` for the offline `pixels` engine alone.
    public let describer: (any ImageDescribing)?
    public let pixels: PixelAnalyzer
    private let threadPool: NIOThreadPool
    private let logger: Logger

    public init(limits: ImageLimits = ImageLimits(), describer: (any ImageDescribing)? = nil,
                pixels: PixelAnalyzer = PixelAnalyzer(), threadPool: NIOThreadPool = .singleton,
                logger: Logger = Logger(label: "media-service.image")) {
        self.limits = limits
        self.describer = describer
        self.pixels = pixels
        self.threadPool = threadPool
        self.logger = logger
    }

    /// Analyses an uploaded image.
    /// - Parameters:
    ///   - contentType: the request's `Content-Type`.
    /// - Throws: `AppError`: 415 for an unsupported type, 413 over the limits, 400 `media_invalid`
    ///   for anything the decoder refuses.
    public func analyse(_ body: ByteBuffer, contentType: String?) async throws(AppError) -> ImageAttributesResponse {
        let started = ContinuousClock.now
        guard let contentType, let format = ImageFormat(contentType: contentType) else {
            throw ImageError.unsupportedType(contentType).appError
        }
        let limits = self.limits, pixels = self.pixels
        let outcome: Result<(DecodedImage, PixelAnalysis, Duration), ImageError>
        do {
            outcome = try await threadPool.runIfActive {
                body.withUnsafeReadableBytes { bytes in
                    Result { () throws(ImageError) in
                        let decoded = try ImageDecoder.decode(bytes, declared: format, limits: limits)
                        let decodedAt = ContinuousClock.now
                        let analysis = pixels.analyse(decoded.image, width: decoded.width, height: decoded.height)
                        return (decoded, analysis, ContinuousClock.now - decodedAt)
                    }
                }
            }
        } catch {
            throw AppError(.unavailable, "The service is shutting down.", detail: "\(error)")
        }
        let (decoded, analysis, pixelTime): (DecodedImage, PixelAnalysis, Duration)
        switch outcome {
        case .success(let value): (decoded, analysis, pixelTime) = value
        case .failure(let error):
            logger.debug("image refused", metadata: ["image.bytes": "\(body.readableBytes)", "error": "\(error)"])
            throw error.appError
        }
        let decodeTime = (ContinuousClock.now - started) - pixelTime

        var attributes = analysis.attributes
        var labels: [String] = []
        var engine = ImageEngineKind.pixels.rawValue
        var describeTime = Duration.zero
        if let describer {
            let describeStart = ContinuousClock.now
            do {
                let description = try await describer.describe(decoded, pixels: analysis)
                labels = description.labels
                // Measured values win over the model's words for the same key.
                attributes.merge(description.attributes) { measured, _ in measured }
                engine = describer.name
            } catch {
                // The colours are still worth answering with; the engine says who produced them.
                logger.warning("image engine failed", metadata: ["engine": "\(describer.name)", "error": "\(error)"])
            }
            describeTime = ContinuousClock.now - describeStart
        }
        return ImageAttributesResponse(
            colors: analysis.colors, attributes: attributes, labels: labels, engine: engine,
            width: decoded.width, height: decoded.height, format: format.rawValue,
            timings: .init(decodeMS: Self.milliseconds(decodeTime), analyseMS: Self.milliseconds(pixelTime + describeTime),
                           totalMS: Self.milliseconds(ContinuousClock.now - started)))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 100).rounded() / 100
    }
}
