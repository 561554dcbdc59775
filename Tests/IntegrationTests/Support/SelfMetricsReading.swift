import Vernier

/// A provider read by a pull reader, on whose meter a component attaches its self-metrics, and the lookups the
/// tests make on them, by the component's `otel.component.type` (its `otel.component.name` left out).
struct SelfMetricsReading {
    /// Where the component registers its self-metrics.
    let meter: Meter
    private let reader = PullMetricReader()
    private let provider: MeterProvider
    private let componentType: String

    /// Reads the self-metrics of the component whose `otel.component.type` is `componentType`.
    init(componentType: String) {
        provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        meter = provider.meter("vernier.test")
        self.componentType = componentType
    }

    /// The value of the series of `name` whose attributes besides the component's are `extra` (the count for a
    /// histogram); 0 when absent.
    func value(_ name: String, _ extra: Attributes = .empty) -> Double {
        points(name).first { $0.attributes == extra }?.value ?? 0
    }

    /// The sum of the series of `name` that carry an `error.type`.
    func givenUp(_ name: String) -> Double {
        points(name).filter { $0.attributes["error.type"] != nil }.reduce(0) { $0 + $1.value }
    }

    /// The component's points of `name`, with the attributes other than its `otel.component.*`.
    private func points(_ name: String) -> [(attributes: Attributes, value: Double)] {
        let points: [(attributes: Attributes, value: Double)]
        switch reader.collect().metrics.first(where: { $0.name == name })?.data {
        case .sum(let sum): points = sum.points.map { ($0.attributes, $0.value.doubleValue) }
        case .gauge(let gauge): points = gauge.points.map { ($0.attributes, $0.value.doubleValue) }
        case .histogram(let histogram): points = histogram.points.map { ($0.attributes, Double($0.count)) }
        default: points = []
        }
        return points.compactMap { point in
            guard point.attributes["otel.component.type"] == .string(componentType) else { return nil }
            return (point.attributes.removing(["otel.component.type", "otel.component.name"]), point.value)
        }
    }
}
