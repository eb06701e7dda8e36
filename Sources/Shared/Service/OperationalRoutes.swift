import Hummingbird

/// One dependency's state for `/ready`.
public struct ReadinessProbe: Sendable, Codable, Equatable {
    public var name: String
    public var isReady: Bool
    public var detail: String?

    public init(name: String, isReady: Bool, detail: String? = nil) {
        self.name = name
        self.isReady = isReady
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case name
        case isReady = "ready"
        case detail
    }
}

/// `{"status":"ok"}` for `/health`; `/ready` adds each probe, and an error when one fails.
struct OperationalStatus: Codable {
    var status: String
    var checks: [ReadinessProbe]?
    var error: ErrorBody.Content?
}

extension Router {
    /// Adds `GET /health` (200 while the process runs), `GET /ready` (200 when every probe is ready,
    /// else 503 with each probe's state) and `GET /metrics` (Prometheus text format).
    public func addOperationalRoutes(
        metrics: MetricsRegistry, readiness: @escaping @Sendable () async -> [ReadinessProbe]
    ) {
        get("/health") { _, _ in
            Response.json(OperationalStatus(status: "ok"))
        }
        get("/ready") { _, _ in
            let probes = await readiness()
            let failing = probes.filter { !$0.isReady }
            guard failing.isEmpty else {
                let message = failing.map { "\($0.name): \($0.detail ?? "not ready")" }.joined(separator: "; ")
                return Response.json(
                    OperationalStatus(status: "unavailable", checks: probes,
                                      error: .init(code: ErrorCode.unavailable.rawValue, message: message)),
                    status: .serviceUnavailable)
            }
            return Response.json(OperationalStatus(status: "ready", checks: probes))
        }
        get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
    }
}

extension RedisClient {
    /// A `/ready` probe: Redis answers `PING`.
    public func readinessProbe() async -> ReadinessProbe {
        await ping() ? ReadinessProbe(name: "redis", isReady: true)
            : ReadinessProbe(name: "redis", isReady: false, detail: "redis unreachable")
    }
}
