import Synchronization
import Vernier

/// A provider whose one observable gauge, `outage.sequence`, reports 1, 2, 3, … at successive collections,
/// so that every sample of a push sequence is known by value and time.
final class RemoteWriteSequence: Sendable {
    /// One collected sample: its value and time in milliseconds.
    struct Sample: Hashable {
        let value: Double
        let milliseconds: Int64
    }

    let reader = PullMetricReader()
    let provider: MeterProvider
    private let next = Atomic<Int>(0)

    init() throws {
        provider = MeterProvider(
            resource: Resource(serviceName: "outage", serviceInstanceID: "outage-1"), readers: [reader])
        try provider.meter("outage").observableGauge("outage.sequence", valueType: Int.self) { [weak self] observer in
            guard let self else { return }
            observer.observe(next.add(1, ordering: .relaxed).newValue)
        }
    }

    /// Collects the next snapshot and the sample it carries.
    func collect() -> (snapshot: MetricsSnapshot, sample: Sample) {
        let snapshot = reader.collect()
        guard case .gauge(let gauge) = snapshot.metrics.first(where: { $0.name == "outage.sequence" })?.data, let point = gauge.points.first
        else { fatalError("outage.sequence is missing from the snapshot") }
        return (snapshot, Sample(value: point.value.doubleValue, milliseconds: point.time.millisecondsSinceEpoch))
    }
}

extension PrometheusPeer {
    /// The raw samples of `selector` over the last `window` (such as `5m`), as the TSDB holds them.
    func rawSamples(_ selector: String, window: String = "5m") async -> [RemoteWriteSequence.Sample] {
        guard let data = await api("/api/v1/query", ["query": "\(selector)[\(window)]"]) as? [String: Any],
              let result = data["result"] as? [[String: Any]]
        else { return [] }
        return result.flatMap { series in
            (series["values"] as? [[Any]] ?? []).compactMap { pair -> RemoteWriteSequence.Sample? in
                guard pair.count == 2, let time = pair[0] as? Double, let text = pair[1] as? String, let value = Double(text) else { return nil }
                return RemoteWriteSequence.Sample(value: value, milliseconds: Int64((time * 1000).rounded()))
            }
        }
    }
}
