import Hummingbird
import Logging
import Metrics
import Shared

/// Adds `POST /v1/image/attributes`: the body is the raw image, its `Content-Type` one of
/// `image/jpeg`, `image/png`, `image/webp`; the answer is an `ImageAttributesResponse`.
/// The body is read up to the byte limit only, so an oversized upload is refused (413) early.
/// Metrics: `media_image_requests_total{status}` and `media_image_duration_seconds{format}`.
public func addImageRoutes(to router: Router<BasicRequestContext>, analyzer: ImageAnalyzer) {
    // Created once, with bounded dimensions.
    let requests = Dictionary(uniqueKeysWithValues: [200, 400, 413, 415, 500, 503].map {
        ($0, Counter(label: "media_image_requests_total", dimensions: [("status", "\($0)")]))
    })
    let durations = Dictionary(uniqueKeysWithValues: ImageFormat.allCases.map {
        ($0.rawValue, Metrics.Timer(label: "media_image_duration_seconds", dimensions: [("format", $0.rawValue)]))
    })
    router.post("/v1/image/attributes") { request, context -> Response in
        do {
            let response = try await analyseImage(request, context: context, analyzer: analyzer)
            requests[200]?.increment()
            durations[response.format]?.recordNanoseconds(Int64(response.timings.totalMS * 1_000_000))
            return .json(response)
        } catch let error as AppError {
            requests[error.code.httpStatus]?.increment()
            throw error
        }
    }
}

private func analyseImage(
    _ request: Request, context: BasicRequestContext, analyzer: ImageAnalyzer
) async throws -> ImageAttributesResponse {
    let contentType = request.headers[.contentType]
    // The type is checked before the body is read: an unsupported upload is not buffered.
    guard let type = contentType, ImageFormat(contentType: type) != nil else {
        throw ImageError.unsupportedType(contentType).appError
    }
    let limit = analyzer.limits.maxBytes
    if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
        throw ImageError.tooManyBytes(count: declared, limit: limit).appError
    }
    let body: ByteBuffer
    do {
        body = try await request.body.collect(upTo: limit)
    } catch let error as HTTPError where error.status == .contentTooLarge {
        throw ImageError.tooManyBytes(count: limit + 1, limit: limit).appError
    }
    let result = try await analyzer.analyse(body, contentType: type)
    context.logger.debug("image analysed", metadata: [
        "image.bytes": "\(body.readableBytes)", "image.format": "\(result.format)",
        "image.total_ms": "\(result.timings.totalMS)",
    ])
    return result
}
