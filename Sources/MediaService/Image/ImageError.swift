import Shared

/// Why an image was refused or could not be analysed.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `Content-Type` names no format the service decodes.
    case unsupportedType(String?)
    /// The body is empty.
    case empty
    /// The bytes do not start with the declared format's signature.
    case signatureMismatch(declared: ImageFormat, found: ImageFormat?)
    /// The decoder refused the data (corrupt, truncated, unsupported variant).
    case corrupt(ImageFormat, reason: String)
    /// The body is over the byte limit.
    case tooManyBytes(count: Int, limit: Int)
    /// The header declares more pixels (or a longer side) than allowed.
    case tooManyPixels(width: Int, height: Int, limit: Int)

    public var description: String {
        switch self {
        case .unsupportedType(let type): "unsupported content type \(type ?? "(none)")"
        case .empty: "empty body"
        case .signatureMismatch(let declared, let found):
            "declared \(declared.rawValue), signature is \(found?.rawValue ?? "unknown")"
        case .corrupt(let format, let reason): "\(format.rawValue) refused by decoder: \(reason)"
        case .tooManyBytes(let count, let limit): "\(count) bytes over the limit of \(limit)"
        case .tooManyPixels(let width, let height, let limit): "\(width)x\(height) over the limit of \(limit) pixels"
        }
    }

    /// The client-facing error: 415, 413 or 400 `media_invalid`.
    public var appError: AppError {
        switch self {
        case .unsupportedType:
            AppError(.unsupportedMediaType, "Send the image as image/jpeg, image/png or image/webp.", detail: description)
        case .empty:
            AppError(.mediaInvalid, "The image is empty.", detail: description)
        case .signatureMismatch(let declared, _):
            AppError(.mediaInvalid, "The data is not a \(declared.rawValue.uppercased()) image.", detail: description)
        case .corrupt(let format, _):
            AppError(.mediaInvalid, "The \(format.rawValue.uppercased()) image is corrupt or truncated.", detail: description)
        case .tooManyBytes(_, let limit):
            AppError(.payloadTooLarge, "The image is larger than \(limit) bytes.", detail: description)
        case .tooManyPixels(let width, let height, let limit):
            AppError(.payloadTooLarge, "The image is \(width)×\(height) pixels; at most \(limit) pixels are accepted.",
                     detail: description)
        }
    }
}
