import Vernier

/// Turns parsed Prometheus families into OpenTelemetry metrics, by the rules of the OpenTelemetry Collector's
/// Prometheus receiver:
///
/// - counters become monotonic cumulative sums named without `_total`, so that the Prometheus writers give
///   them the same sample name again;
/// - gauges, untyped metrics, `info` and `stateset` families become gauges;
/// - histograms become explicit-bucket histograms (bucket counts no longer cumulative), native histograms
///   exponential histograms (scale from the schema, bucket indexes one lower), summaries summaries;
/// - labels become point attributes; exemplars keep their value and time, `trace_id` and `span_id` become
///   the exemplar's trace and span, other exemplar labels its filtered attributes;
/// - an OpenMetrics `UNIT` becomes the UCUM unit (`seconds` → `s`);
/// - a series' `_created` is its start time; without one, `startTimes` decides (the first time the series
///   was seen, and again after a reset).
///
/// Gauge histograms have no OpenTelemetry counterpart and are left out, counted in `Mapping.droppedSeries`; so are
/// the classic series of a histogram family whose other series are native, as one metric has one kind.
public struct ExpositionMapping: Sendable {
    /// The metrics of one body and what could not be mapped.
    public struct Mapping: Sendable {
        /// The metrics, in the body's family order.
        public var metrics: [Metric] = []
        /// The number of samples the body had, as Prometheus counts `scrape_samples_scraped`.
        public var sampleCount = 0
        /// Series left out, by family name: gauge histograms, classic series beside native ones.
        public var droppedSeries: [String: Int] = [:]

        /// An empty mapping: no metrics, no samples.
        public init() {}
    }

    /// Creates a mapping.
    public init() {}

    /// Maps `families`, read at `time`; `startTimes` gives the start of each cumulative series that has no
    /// `_created`, and forgets the series this read did not have.
    public func map(_ families: [ScrapedFamily], time: Timestamp, startTimes: inout StartTimeTracker) -> Mapping {
        var mapping = Mapping()
        for family in families {
            mapping.sampleCount += family.series.reduce(0) { $0 + Self.sampleCount(of: $1.value) }
            if family.type == .gaugeHistogram {
                mapping.droppedSeries[family.name, default: 0] += family.series.count
                continue
            }
            let (metric, dropped) = metric(of: family, time: time, startTimes: &startTimes)
            mapping.metrics.append(metric)
            if dropped > 0 { mapping.droppedSeries[family.name, default: 0] += dropped }
        }
        startTimes.endRead()
        return mapping
    }

    /// The family's metric, and how many of its series it leaves out.
    private func metric(of family: ScrapedFamily, time: Timestamp, startTimes: inout StartTimeTracker) -> (Metric, dropped: Int) {
        let unit = family.unit.isEmpty ? "" : PrometheusUnit.ucum(forWord: family.unit)
        let name = family.type == .counter && family.name.hasSuffix("_total") ? String(family.name.dropLast(6)) : family.name
        var numbers: [NumberPoint] = []
        var histograms: [HistogramPoint] = []
        var summaries: [SummaryPoint] = []
        var exponential: [ExponentialHistogramPoint] = []
        for series in family.series {
            let attributes = Attributes(series.labels.map { Attribute(key: $0.name, value: .string($0.value)) })
            let pointTime = series.timestampMilliseconds.map { Timestamp(milliseconds: $0) } ?? time
            let exemplars = series.exemplars.map(Self.exemplar)
            switch series.value {
            case .number(let value):
                let start = family.type == .counter
                    ? startTimes.start(of: family.name, series.labels, created: series.createdSeconds, value: value, at: pointTime)
                    : pointTime
                numbers.append(NumberPoint(attributes: attributes, startTime: start, time: pointTime, value: .double(value), exemplars: exemplars))
            case .histogram(let histogram):
                let count = histogram.count ?? histogram.buckets.last?.cumulativeCount ?? 0
                let start = startTimes.start(of: family.name, series.labels, created: series.createdSeconds, value: count, at: pointTime)
                var previous = 0.0
                var counts: [UInt64] = []
                for bucket in histogram.buckets {
                    counts.append(Self.count(bucket.cumulativeCount - previous))
                    previous = bucket.cumulativeCount
                }
                histograms.append(HistogramPoint(
                    attributes: attributes, startTime: start, time: pointTime, count: Self.count(count), sum: histogram.sum ?? 0,
                    min: nil, max: nil, boundaries: histogram.buckets.dropLast().map(\.upperBound), bucketCounts: counts, exemplars: exemplars))
            case .nativeHistogram(let native):
                let start = startTimes.start(of: family.name, series.labels, created: series.createdSeconds, value: native.count, at: pointTime)
                // Prometheus's bucket i holds (base^(i-1), base^i]; OpenTelemetry's holds (base^i, base^(i+1)].
                func buckets(_ side: ScrapedNativeHistogram.Buckets) -> ExponentialHistogramPoint.Buckets {
                    .init(offset: side.offset &- 1, counts: side.counts.map(Self.count))
                }
                exponential.append(ExponentialHistogramPoint(
                    attributes: attributes, startTime: start, time: pointTime, count: Self.count(native.count), sum: native.sum,
                    min: nil, max: nil, scale: native.schema, zeroCount: Self.count(native.zeroCount), zeroThreshold: native.zeroThreshold,
                    positive: buckets(native.positive), negative: buckets(native.negative), exemplars: exemplars))
            case .summary(let summary):
                let count = summary.count ?? 0
                let start = startTimes.start(of: family.name, series.labels, created: series.createdSeconds, value: count, at: pointTime)
                summaries.append(SummaryPoint(
                    attributes: attributes, startTime: start, time: pointTime, count: Self.count(count), sum: summary.sum ?? 0,
                    quantiles: summary.quantiles.map { SummaryPoint.Quantile(quantile: $0.quantile, value: $0.value) }))
            }
        }
        let data: MetricData
        var dropped = 0
        switch family.type {
        case .counter: data = .sum(.init(temporality: .cumulative, isMonotonic: true, points: numbers))
        case .histogram where !exponential.isEmpty:
            data = .exponentialHistogram(.init(temporality: .cumulative, points: exponential))
            dropped = histograms.count
        case .histogram: data = .histogram(.init(temporality: .cumulative, points: histograms))
        case .summary: data = .summary(.init(points: summaries))
        case .gauge, .info, .stateSet, .unknown, .gaugeHistogram: data = .gauge(.init(points: numbers))
        }
        return (Metric(name: name, description: family.help, unit: unit, data: data), dropped)
    }

    private static func sampleCount(of value: ScrapedValue) -> Int {
        switch value {
        case .number: return 1
        case .histogram(let histogram): return histogram.buckets.count + (histogram.count == nil ? 0 : 1) + (histogram.sum == nil ? 0 : 1)
        case .summary(let summary): return summary.quantiles.count + (summary.count == nil ? 0 : 1) + (summary.sum == nil ? 0 : 1)
        case .nativeHistogram: return 1
        }
    }

    /// A count from the exposition's float: negative, NaN or out-of-range counts become zero or the largest count.
    private static func count(_ value: Double) -> UInt64 {
        guard value.isFinite, value > 0 else { return 0 }
        return value >= 0x1p64 ? .max : UInt64(value)
    }

    private static func exemplar(_ exemplar: ScrapedExemplar) -> Exemplar {
        var traceID: TraceID?
        var spanID: SpanID?
        var others: [Attribute] = []
        for label in exemplar.labels {
            switch label.name {
            case "trace_id" where TraceID(hex: label.value) != nil: traceID = TraceID(hex: label.value)
            case "span_id" where SpanID(hex: label.value) != nil: spanID = SpanID(hex: label.value)
            default: others.append(Attribute(key: label.name, value: .string(label.value)))
            }
        }
        let time = exemplar.timestampSeconds.map { Timestamp(milliseconds: Int64(($0 * 1000).rounded())) } ?? .now
        return Exemplar(filteredAttributes: Attributes(others), time: time, value: .double(exemplar.value), traceID: traceID, spanID: spanID)
    }
}

extension Timestamp {
    /// The instant `milliseconds` after the Unix epoch, as Prometheus timestamps count; before the epoch is the epoch.
    init(milliseconds: Int64) {
        self.init(nanosecondsSinceEpoch: UInt64(max(0, milliseconds)).multipliedReportingOverflow(by: 1_000_000).partialValue)
    }
}
