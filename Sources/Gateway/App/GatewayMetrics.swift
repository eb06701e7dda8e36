import CoreMetrics
import Metrics
import Shared

/// The gateway's metrics, created once (bounded dimensions: error codes only).
struct GatewayMetrics: Sendable {
    let messagesIn = Counter(label: "gateway_messages_in_total")
    let messagesOut = Counter(label: "gateway_messages_out_total")
    let enqueueLatency = Timer(label: "gateway_enqueue_duration_seconds", preferredDisplayUnit: .seconds)
    let upgradeRefusals = Counter(label: "gateway_upgrade_refusals_total")

    func rejection(_ code: ErrorCode) -> Counter {
        Counter(label: "gateway_rejections_total", dimensions: [("code", code.rawValue)])
    }
}
