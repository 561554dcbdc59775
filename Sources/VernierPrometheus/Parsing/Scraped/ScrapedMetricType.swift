/// The type of a scraped metric family, as declared by its TYPE line; it determines how samples combine into values.
public enum ScrapedMetricType: String, Sendable {
    /// A monotonically increasing total.
    case counter
    /// A current measurement.
    case gauge
    /// Cumulative buckets of observations, with optional count and sum.
    case histogram
    /// A histogram of current values (OpenMetrics only).
    case gaugeHistogram = "gaugehistogram"
    /// Precomputed quantiles, with optional count and sum.
    case summary
    /// Textual information carried in labels, with value 1 (OpenMetrics only).
    case info
    /// A set of boolean states, one series per state (OpenMetrics only).
    case stateSet = "stateset"
    /// No declared type: OpenMetrics `unknown`, text 0.0.4 `untyped`, or no TYPE line at all.
    case unknown
}

extension ScrapedMetricType {
    /// Reads the type word of a TYPE line, accepting only the words the format defines.
    init?(typeWord bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, format: ExpositionTextFormat) {
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        switch format {
        case .openMetrics:
            self.init(rawValue: word)
        case .prometheusText:
            switch word {
            case "counter": self = .counter
            case "gauge": self = .gauge
            case "histogram": self = .histogram
            case "summary": self = .summary
            case "untyped": self = .unknown
            default: return nil
            }
        }
    }
}
