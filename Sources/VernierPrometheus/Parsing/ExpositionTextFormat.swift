/// The two text formats of Prometheus exposition.
public enum ExpositionTextFormat: Sendable, Hashable {
    /// The text format 0.0.4 (`text/plain; version=0.0.4`).
    case prometheusText
    /// OpenMetrics 1.0 (`application/openmetrics-text; version=1.0.0`).
    case openMetrics

    /// The format a response's `Content-Type` names; the text format for anything but OpenMetrics.
    public static func format(forContentType contentType: String) -> ExpositionTextFormat {
        contentType.lowercased().hasPrefix("application/openmetrics-text") ? .openMetrics : .prometheusText
    }
}
