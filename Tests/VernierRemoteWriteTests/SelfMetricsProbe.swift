import Testing
import Vernier
import VernierRemoteWrite

/// Reads an exporter's self-metrics through a provider of its own.
struct SelfMetricsProbe {
    private static let component: Set<String> = ["otel.component.type", "otel.component.name"]

    private let reader = PullMetricReader()
    private let provider: MeterProvider

    init(_ exporter: RemoteWriteExporter) {
        provider = MeterProvider(resource: Resource(attributes: ["service.name": "probe"]), readers: [reader], exemplarFilter: .alwaysOff)
        exporter.attachSelfMetrics(to: provider.meter("vernier"))
    }

    /// The value of the series of `name` whose attributes besides the exporter's component are `attributes`;
    /// nil when there is none.
    func value(_ name: String, _ attributes: Attributes = .empty) -> Double? {
        points(name).first { $0.attributes.removing(Self.component) == attributes }?.value.doubleValue
    }

    /// The sum of the series of `name` that carry an `error.type`.
    func givenUp(_ name: String) -> Double {
        points(name).filter { $0.attributes["error.type"] != nil }.reduce(0) { $0 + $1.value.doubleValue }
    }

    private func points(_ name: String) -> [NumberPoint] {
        let points: [NumberPoint] = reader.collect().metrics.filter { $0.name == name }.flatMap { metric -> [NumberPoint] in
            switch metric.data {
            case .sum(let sum): return sum.points
            case .gauge(let gauge): return gauge.points
            default: return []
            }
        }
        #expect(points.allSatisfy { $0.attributes["otel.component.type"] == "prometheus_remote_write_exporter" })
        return points
    }
}
