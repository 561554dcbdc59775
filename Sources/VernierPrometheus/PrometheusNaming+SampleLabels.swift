import Vernier

extension PrometheusNaming {
    /// The `le` label value of a histogram bucket bound, spelled as the exposition writes it (`0.5`, `1.0`,
    /// `+Inf`), so that a pushed `_bucket` series equals the scraped one.
    package func bucketBoundLabelValue(_ bound: Double) -> String {
        let buffer = ExpositionBuffer(capacity: 24)
        buffer.append(double: bound)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The labels of an exemplar as the exposition shows them: `trace_id`, `span_id`, then the filtered
    /// attributes while the set stays within the 128 characters Prometheus accepts.
    package func exemplarLabels(of exemplar: Exemplar) -> [PrometheusLabel] {
        ExemplarSelection.labels(of: exemplar, naming: self).map { PrometheusLabel(name: $0.0, value: $0.1) }
    }
}
