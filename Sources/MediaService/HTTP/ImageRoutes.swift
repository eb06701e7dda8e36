import Hummingbird
import Logging
import Shared

/// Adds `POST /v1/image/attributes`: the body is the raw image, its `Content-Type` one of
/// `image/jpeg`, `image/png`, `image/webp`; the answer is an `ImageAttributesResponse`.
/// The body is read up to the byte limit only, so an oversized upload is refused (413) early.
public func addImageRoutes(to router: Router<BasicRequestContext>, analyzer: ImageAnalyzer) {
    router.post("/v1/image/attributes") { request, context -> Response in
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
        return .json(result)
    }
}
