import Vernier

/// One label of a Prometheus series or exemplar: a name and its value.
package struct PrometheusLabel: Hashable, Sendable {
    /// The label that carries a series' metric name.
    package static let metricName = "__name__"
    /// The label that carries a `_bucket` series' upper bound.
    package static let bucketBound = "le"
    /// The label that carries a summary series' quantile.
    package static let quantile = "quantile"
    /// What the values of labels that share a name are joined with, as the OpenTelemetry compatibility
    /// specification asks.
    package static let valueSeparator = ";"

    package let name: String
    package let value: String

    /// A label `name="value"`.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether `value` becomes an empty label value, which Prometheus reads as no label at all.
    package static func isEmpty(_ value: AttributeValue) -> Bool {
        if case .string(let text) = value { return text.isEmpty }
        return false
    }
}
