/// The text exposition formats a scrape body can use; it decides which syntax rules the parser enforces.
public enum ExpositionTextFormat: Sendable {
    /// Prometheus text format 0.0.4, served as `text/plain; version=0.0.4`.
    case prometheusText
    /// OpenMetrics 1.0 text, served as `application/openmetrics-text; version=1.0.0`.
    case openMetrics

    /// Picks the format announced by a `Content-Type` header value, so a scrape is parsed by the rules it was served with.
    ///
    /// `application/openmetrics-text` (any parameters, any letter case) selects OpenMetrics; anything else,
    /// including a missing or unknown type, selects the Prometheus text format.
    public static func format(forContentType contentType: String) -> ExpositionTextFormat {
        let openMetricsType = "application/openmetrics-text"
        let mediaType = contentType.drop(while: { $0 == " " || $0 == "\t" }).lowercased()
        guard mediaType.hasPrefix(openMetricsType) else { return .prometheusText }
        let rest = mediaType.dropFirst(openMetricsType.count)
        guard let next = rest.first else { return .openMetrics }
        return next == ";" || next == " " || next == "\t" ? .openMetrics : .prometheusText
    }
}
