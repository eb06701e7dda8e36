import Foundation
import Hummingbird
import NIOCore
import Shared

/// Reading an upload: the declared type, then the size (from `Content-Length` before reading, and
/// while reading), so oversized bodies are refused before they are buffered.
enum MediaUpload {
    /// The media type without parameters, lowercased: `audio/wav; codecs=1` → `audio/wav`.
    static func mediaType(of request: Request) -> String? {
        guard let header = request.headers[.contentType] else { return nil }
        let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type?.isEmpty == false ? type : nil
    }

    /// The whole body, at most `maxBytes`.
    /// - Throws: `AppError(.payloadTooLarge)` over the limit, `AppError(.mediaInvalid)` when empty.
    static func body(of request: Request, maxBytes: Int, kind: String) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw AppError(.payloadTooLarge, "The \(kind) is larger than the limit of \(maxBytes) bytes.")
        }
        var buffer = ByteBuffer()
        for try await chunk in request.body {
            guard buffer.readableBytes + chunk.readableBytes <= maxBytes else {
                throw AppError(.payloadTooLarge, "The \(kind) is larger than the limit of \(maxBytes) bytes.")
            }
            var chunk = chunk
            buffer.writeBuffer(&chunk)
        }
        guard buffer.readableBytes > 0 else { throw AppError(.mediaInvalid, "The \(kind) is empty.") }
        return Array(buffer.readableBytesView)
    }
}
