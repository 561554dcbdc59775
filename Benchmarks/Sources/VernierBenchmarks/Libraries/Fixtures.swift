import Prometheus
import Vernier

/// The names and values every library is given, so that all measure the same work.
enum Fixtures {
    static let counterName = "requests"
    static let histogramName = "latency"
    /// Eleven bucket boundaries in seconds.
    static let boundaries: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Sixteen values spread over the buckets; a loop records `samples[index & 15]`.
    static let samples: [Double] = [
        0.001, 0.007, 0.02, 0.04, 0.07, 0.2, 0.4, 0.8, 2, 4, 8, 12, 0.003, 0.3, 0.09, 1.5,
    ]
    /// The attribute set of lookup cases, built once outside every loop: Vernier `Attributes` precompute their hash.
    static let attributes: Attributes = ["a": "x", "b": "y", "c": "z"]
    /// The same set as swift-prometheus labels and swift-metrics dimensions, also built once.
    static let labels: [(String, String)] = [("a", "x"), ("b", "y"), ("c", "z")]
    /// The one attribute of bound series.
    static let boundAttributes: Attributes = ["a": "x"]
    static let boundLabels: [(String, String)] = [("a", "x")]

    /// swift-prometheus's names for the same instruments: `requests_total` and `latency_seconds`, as Vernier exposes them.
    static var prometheusCounter: MetricNameDescriptor {
        MetricNameDescriptor(metricName: counterName, unitName: "total", helpText: "")
    }
    static var prometheusHistogram: MetricNameDescriptor {
        MetricNameDescriptor(metricName: histogramName, unitName: "seconds", helpText: "")
    }

    /// The attributes of series `index` where a case creates many series.
    static func seriesAttributes(_ index: Int) -> Attributes {
        Attributes([("id", .string("s\(index)"))])
    }

    static func seriesLabels(_ index: Int) -> [(String, String)] {
        [("id", "s\(index)")]
    }
}
