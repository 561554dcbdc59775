/// Which temporality a reader asks for, per instrument kind, as the OTLP exporter's
/// `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` names them.
public enum TemporalityPreference: String, Sendable, Hashable {
    /// Everything cumulative: what Prometheus expects.
    case cumulative
    /// Counters, observable counters and histograms as delta; up-down counters cumulative.
    case delta
    /// Counters and histograms as delta; observable counters and up-down counters cumulative.
    case lowMemory = "lowmemory"

    /// The temporality this preference gives an instrument kind. Gauges have none and report cumulative here.
    public func temporality(for kind: InstrumentKind) -> AggregationTemporality {
        switch (self, kind) {
        case (.cumulative, _): return .cumulative
        case (.delta, .counter), (.delta, .observableCounter), (.delta, .histogram): return .delta
        case (.lowMemory, .counter), (.lowMemory, .histogram): return .delta
        default: return .cumulative
        }
    }
}
