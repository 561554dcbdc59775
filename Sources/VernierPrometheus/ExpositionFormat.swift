/// The formats a scrape can be answered in.
public enum ExpositionFormat: String, Sendable, Hashable, CaseIterable {
    /// The Prometheus text format 0.0.4.
    case prometheusText
    /// OpenMetrics 1.0.0, which adds units, `_created` samples, exemplars and a closing `# EOF`.
    case openMetrics
    /// The Prometheus protobuf format: length-delimited `io.prometheus.client.MetricFamily` messages, the one
    /// format that carries exponential histograms, as native histograms.
    case protobuf

    /// The `Content-Type` of a response in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: return "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
        case .protobuf: return "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
        }
    }
}
