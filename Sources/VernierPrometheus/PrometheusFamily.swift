/// One Prometheus metric family, named once for every writer: its kind, its names, help and unit.
///
/// `PrometheusModel` makes the families of a snapshot and decides which metrics join which; the scrape
/// formats and remote write only spell what a family says here.
package struct PrometheusFamily: Sendable {
    /// How the family's points become samples.
    package enum Kind: Sendable, Hashable {
        /// A monotonic cumulative sum: one `_total` sample per series.
        case counter
        /// A last value or a non-monotonic sum: one sample per series, named as the family.
        case gauge
        /// An explicit-bucket histogram: a `_bucket` sample per bound, then `_sum` and `_count`.
        case histogram
        /// An exponential histogram as a native histogram: one histogram sample per series, named as the
        /// family; the text formats cannot carry it.
        case nativeHistogram
        /// A summary: a sample per quantile, named as the family with a `quantile` label, then `_sum` and
        /// `_count`.
        case summary

        /// The Prometheus type of the family.
        package var type: PrometheusNaming.FamilyType {
            switch self {
            case .counter: return .counter
            case .gauge: return .gauge
            case .histogram, .nativeHistogram: return .histogram
            case .summary: return .summary
            }
        }
    }

    package let kind: Kind
    /// The name without type suffix, such as `http_server_request_duration_seconds` or `shop_orders`.
    package let baseName: String
    /// The name of the family in the text format, the protobuf format and remote-write metadata, and of its
    /// counter, gauge and native histogram samples: a counter's `_total` sample name (as client_golang names
    /// counter families), otherwise the base name. OpenMetrics names every family by its base name and ends
    /// every counter sample in `_total`.
    package let name: String
    /// The description of the first metric in the family.
    package let help: String
    /// The unit as a Prometheus word (`seconds`), as OpenMetrics `UNIT` and remote-write metadata show it.
    package let unitWord: String?
    /// A histogram's `_bucket` sample name.
    package let bucketName: String
    /// A histogram's or summary's `_sum` sample name.
    package let sumName: String
    /// A histogram's or summary's `_count` sample name.
    package let countName: String
    /// The `_created` sample of counters, histograms and summaries, which only OpenMetrics writes as a sample: the
    /// protobuf format carries the start time in the point instead, and the text format and remote write
    /// leave it out (remote write 1.0 has no field for it, and a series of its own per counter would double
    /// what is pushed).
    package let createdName: String
    /// OpenMetrics' counter sample name, `_total` even when type suffixes are off.
    package let openMetricsTotalName: String

    /// The family of a metric named `metricName` with `unit` and `description`, shown as `kind`.
    package init(kind: Kind, metricName: String, unit: String, description: String, naming: PrometheusNaming) {
        self.kind = kind
        baseName = naming.baseName(metricName: metricName, unit: unit, type: kind.type)
        name = kind == .counter ? naming.counterSampleName(base: baseName) : baseName
        help = description
        unitWord = naming.unitWord(unit: unit, type: kind.type)
        bucketName = baseName + "_bucket"
        sumName = baseName + "_sum"
        countName = baseName + "_count"
        createdName = baseName + "_created"
        openMetricsTotalName = baseName + "_total"
    }

    /// Every name the family's samples and metadata can use in any format, which no other family may use:
    /// its base name, and `_total` and `_created` for counters, `_bucket`, `_count`, `_sum` and `_created`
    /// for histograms. Reserving `_created` everywhere keeps a scrape and a push dropping the same metrics.
    package var reservedNames: [String] {
        switch kind {
        case .counter: return [baseName, openMetricsTotalName, createdName]
        case .gauge: return [baseName]
        case .histogram, .nativeHistogram: return [baseName, bucketName, countName, sumName, createdName]
        case .summary: return [baseName, countName, sumName, createdName]
        }
    }
}
