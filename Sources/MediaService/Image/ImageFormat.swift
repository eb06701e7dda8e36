import Foundation

/// An image format the media-service decodes.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case jpeg
    case png
    case webp

    /// The format a request's `Content-Type` declares (`image/jpeg; charset=…` included), or `nil`
    /// when it names none the service decodes.
    public init?(contentType: String) {
        let essence = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch essence {
        case "image/jpeg", "image/jpg", "image/pjpeg": self = .jpeg
        case "image/png": self = .png
        case "image/webp": self = .webp
        default: return nil
        }
    }

    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    /// Whether `bytes` start with this format's signature.
    public func matchesSignature(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .jpeg:
            return bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
        case .png:
            return bytes.count >= 8 && Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        case .webp:
            return bytes.count >= 12 && Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<12]) == Array("WEBP".utf8)
        }
    }

    /// The format whose signature `bytes` start with, if any.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        allCases.first { $0.matchesSignature(bytes) }
    }
}
