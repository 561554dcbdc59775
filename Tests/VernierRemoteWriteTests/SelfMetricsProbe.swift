import Vernier
import VernierRemoteWrite

/// Reads an exporter's self-metrics through a provider of its own.
struct SelfMetricsProbe {
    private let reader = PullMetricReader()
    private let provider: MeterProvider

    init(_ exporter: RemoteWriteExporter) {
        provider = MeterProvider(resource: Resource(attributes: ["service.name": "probe"]), readers: [reader], exemplarFilter: .alwaysOff)
        exporter.attachSelfMetrics(to: provider.meter("vernier"))
    }

    /// The sum of the points of `name` whose attributes include `matching`; nil when there is none.
    func value(_ name: String, _ matching: [String: String] = [:]) -> Double? {
        let points: [NumberPoint] = reader.collect().metrics.filter { $0.name == name }.flatMap { metric -> [NumberPoint] in
            switch metric.data {
            case .sum(let sum): return sum.points
            case .gauge(let gauge): return gauge.points
            default: return []
            }
        }
        let matched = points.filter { point in matching.allSatisfy { point.attributes[$0.key]?.description == $0.value } }
        return matched.isEmpty ? nil : matched.reduce(0) { $0 + $1.value.doubleValue }
    }
}
