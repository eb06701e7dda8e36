import Shared

/// The catalog-service's domain errors; mapped to protocol error codes once, at the HTTP edge.
public enum CatalogError: Error, Sendable, CustomStringConvertible {
    case unreadableFile(String)
    case corruptFile(String)
    case database(SQLiteError)
    case closed
    case invalidMapping(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path): "cannot read \(path)"
        case .corruptFile(let why): "corrupt file: \(why)"
        case .database(let error): "\(error)"
        case .closed: "catalog store is closed"
        case .invalidMapping(let why): "invalid column mapping: \(why)"
        case .notFound(let id): "no product \(id)"
        }
    }

    /// What a client sees; internals (paths, SQL) stay in `detail`.
    public var appError: AppError {
        switch self {
        case .unreadableFile, .corruptFile: AppError(.unprocessable, "the import data could not be read", detail: description)
        case .database, .closed: AppError(.unavailable, "the catalog is unavailable", detail: description)
        case .invalidMapping(let why): AppError(.badRequest, "invalid CSV column mapping: \(why)")
        case .notFound: AppError(.notFound, "no such product")
        }
    }
}
