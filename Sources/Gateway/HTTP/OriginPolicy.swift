import Foundation
import HTTPTypes
import Hummingbird
import Shared

/// Which browser origins may call the gateway (protocol.md §2): the configured ones (`*` for any),
/// the same origin, and localhost. Requests without `Origin` (non-browser clients) always pass.
struct OriginPolicy: Sendable {
    let allowed: Set<String>

    init(allowed: [String]) {
        self.allowed = Set(allowed.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/")) })
    }

    func isAllowed(origin: String, host: String?) -> Bool {
        let origin = origin.lowercased()
        if allowed.contains("*") || allowed.contains(origin) { return true }
        guard let url = URL(string: origin), let originHost = url.host else { return false }
        if ["localhost", "127.0.0.1", "::1", "[::1]"].contains(originHost) { return true }
        // Same origin: the Origin's host[:port] is the Host the request was sent to.
        let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return host?.lowercased() == authority
    }

    /// - Throws: `AppError(.forbiddenOrigin)` for a browser request from an origin not allowed.
    func check(origin: String?, host: String?) throws(AppError) {
        guard let origin else { return }
        guard isAllowed(origin: origin, host: host) else {
            throw AppError(.forbiddenOrigin, "origin not allowed")
        }
    }
}

/// CORS for the HTTP API: allowed origins get `Access-Control-Allow-*`, on error answers too;
/// preflights are answered here.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: OriginPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let isAllowed = policy.isAllowed(origin: origin, host: request.head.authority)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard isAllowed else { throw AppError(.forbiddenOrigin, "origin not allowed") }
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: origin, .vary: "Origin",
                .accessControlAllowMethods: "GET, POST, DELETE, OPTIONS",
                .accessControlAllowHeaders: "Authorization, Content-Type",
                .accessControlMaxAge: "600",
            ])
        }
        // Errors become their JSON response here, so an allowed origin can read them too.
        var response = try await JSONErrorMiddleware<Context>().handle(request, context: context, next: next)
        if isAllowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
