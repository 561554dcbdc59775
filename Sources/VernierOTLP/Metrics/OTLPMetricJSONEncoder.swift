import Vernier

/// Encodes a snapshot as an OTLP `ExportMetricsServiceRequest` in OTLP JSON (`application/json`).
///
/// OTLP JSON is the protobuf JSON mapping with OTLP's exceptions: lowerCamelCase keys, trace and span ids
/// as hex rather than base64, 64-bit integers as strings, enums as numbers. Fields holding their default
/// value are left out, as a proto3 encoder leaves them out; `JSONWriter`'s OTLP parts write what spans share.
public struct OTLPMetricJSONEncoder: OTLPEncoder {
    /// Creates an encoder.
    public init() {}

    public var contentType: String { "application/json" }

    public func encode(_ snapshot: MetricsSnapshot) throws(OTLPEncodingError) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + snapshot.pointCount * 160)
        writer.beginObject()
        writer.key("resourceMetrics")
        writer.beginArray()
        for group in snapshot.resourceMetrics {
            writer.beginObject()
            writer.resource(group.resource)
            writer.key("scopeMetrics")
            writer.beginArray()
            for scopeMetrics in group.scopes {
                scope(scopeMetrics, &writer)
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    public func partialSuccess(in body: [UInt8]) -> PartialSuccess? {
        PartialSuccess.json(body, rejectedKey: "rejectedDataPoints", snakeCaseKey: "rejected_data_points")
    }

    private func scope(_ scopeMetrics: ScopeMetrics, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.scope(scopeMetrics.scope)
        writer.key("metrics")
        writer.beginArray()
        for metric in scopeMetrics.metrics {
            self.metric(metric, &writer)
        }
        writer.endArray()
        writer.text("schemaUrl", scopeMetrics.scope.schemaURL ?? "")
        writer.endObject()
    }

    private func metric(_ metric: Metric, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.text("name", metric.name)
        writer.text("description", metric.description)
        writer.text("unit", metric.unit)
        switch metric.data {
        case .sum(let sum):
            writer.key("sum")
            writer.beginObject()
            points(sum.points, numberPoint, &writer)
            temporality(sum.temporality, &writer)
            if sum.isMonotonic {
                writer.key("isMonotonic")
                writer.bool(true)
            }
            writer.endObject()
        case .gauge(let gauge):
            writer.key("gauge")
            writer.beginObject()
            points(gauge.points, numberPoint, &writer)
            writer.endObject()
        case .histogram(let histogram):
            writer.key("histogram")
            writer.beginObject()
            points(histogram.points, histogramPoint, &writer)
            temporality(histogram.temporality, &writer)
            writer.endObject()
        case .exponentialHistogram(let histogram):
            writer.key("exponentialHistogram")
            writer.beginObject()
            points(histogram.points, exponentialPoint, &writer)
            temporality(histogram.temporality, &writer)
            writer.endObject()
        case .summary(let summary):
            writer.key("summary")
            writer.beginObject()
            points(summary.points, summaryPoint, &writer)
            writer.endObject()
        }
        writer.endObject()
    }

    private func points<Point>(_ points: [Point], _ write: (Point, inout JSONWriter) -> Void, _ writer: inout JSONWriter) {
        guard !points.isEmpty else { return }
        writer.key("dataPoints")
        writer.beginArray()
        for point in points {
            writer.beginObject()
            write(point, &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    private func numberPoint(_ point: NumberPoint, _ writer: inout JSONWriter) {
        writer.attributes("attributes", point.attributes)
        writer.time("startTimeUnixNano", point.startTime)
        writer.time("timeUnixNano", point.time)
        value(point.value, &writer)
        exemplars(point.exemplars, &writer)
        flags(point.flags, &writer)
    }

    private func summaryPoint(_ point: SummaryPoint, _ writer: inout JSONWriter) {
        writer.attributes("attributes", point.attributes)
        writer.time("startTimeUnixNano", point.startTime)
        writer.time("timeUnixNano", point.time)
        writer.counter("count", point.count)
        if point.sum != 0 {
            writer.key("sum")
            writer.double(point.sum)
        }
        if !point.quantiles.isEmpty {
            writer.key("quantileValues")
            writer.beginArray()
            for quantile in point.quantiles {
                writer.beginObject()
                writer.key("quantile")
                writer.double(quantile.quantile)
                writer.key("value")
                writer.double(quantile.value)
                writer.endObject()
            }
            writer.endArray()
        }
        flags(point.flags, &writer)
    }

    private func flags(_ flags: DataPointFlags, _ writer: inout JSONWriter) {
        guard flags.rawValue != 0 else { return }
        writer.key("flags")
        writer.integer(flags.rawValue)
    }

    private func histogramPoint(_ point: HistogramPoint, _ writer: inout JSONWriter) {
        writer.attributes("attributes", point.attributes)
        writer.time("startTimeUnixNano", point.startTime)
        writer.time("timeUnixNano", point.time)
        writer.counter("count", point.count)
        writer.key("sum")
        writer.double(point.sum)
        if !point.bucketCounts.isEmpty {
            writer.key("bucketCounts")
            writer.beginArray()
            for count in point.bucketCounts { writer.quotedInteger(count) }
            writer.endArray()
        }
        if !point.boundaries.isEmpty {
            writer.key("explicitBounds")
            writer.beginArray()
            for bound in point.boundaries { writer.double(bound) }
            writer.endArray()
        }
        exemplars(point.exemplars, &writer)
        writer.optionalDouble("min", point.min)
        writer.optionalDouble("max", point.max)
        flags(point.flags, &writer)
    }

    private func exponentialPoint(_ point: ExponentialHistogramPoint, _ writer: inout JSONWriter) {
        writer.attributes("attributes", point.attributes)
        writer.time("startTimeUnixNano", point.startTime)
        writer.time("timeUnixNano", point.time)
        writer.counter("count", point.count)
        writer.key("sum")
        writer.double(point.sum)
        if point.scale != 0 {
            writer.key("scale")
            writer.integer(point.scale)
        }
        writer.counter("zeroCount", point.zeroCount)
        buckets("positive", point.positive, &writer)
        buckets("negative", point.negative, &writer)
        exemplars(point.exemplars, &writer)
        writer.optionalDouble("min", point.min)
        writer.optionalDouble("max", point.max)
        if point.zeroThreshold != 0 {
            writer.key("zeroThreshold")
            writer.double(point.zeroThreshold)
        }
        flags(point.flags, &writer)
    }

    private func buckets(_ key: StaticString, _ buckets: ExponentialHistogramPoint.Buckets, _ writer: inout JSONWriter) {
        writer.key(key)
        writer.beginObject()
        if buckets.offset != 0 {
            writer.key("offset")
            writer.integer(buckets.offset)
        }
        if !buckets.counts.isEmpty {
            writer.key("bucketCounts")
            writer.beginArray()
            for count in buckets.counts { writer.quotedInteger(count) }
            writer.endArray()
        }
        writer.endObject()
    }

    private func exemplars(_ exemplars: [Exemplar], _ writer: inout JSONWriter) {
        guard !exemplars.isEmpty else { return }
        writer.key("exemplars")
        writer.beginArray()
        for exemplar in exemplars {
            writer.beginObject()
            writer.attributes("filteredAttributes", exemplar.filteredAttributes)
            writer.time("timeUnixNano", exemplar.time)
            value(exemplar.value, &writer)
            if let spanID = exemplar.spanID { writer.text("spanId", spanID.hex) }
            if let traceID = exemplar.traceID { writer.text("traceId", traceID.hex) }
            writer.endObject()
        }
        writer.endArray()
    }

    private func value(_ value: NumberValue, _ writer: inout JSONWriter) {
        switch value {
        case .int(let number):
            writer.key("asInt")
            writer.quotedInteger(number)
        case .double(let number):
            writer.key("asDouble")
            writer.double(number)
        }
    }

    private func temporality(_ temporality: AggregationTemporality, _ writer: inout JSONWriter) {
        writer.key("aggregationTemporality")
        writer.integer(temporality == .delta ? 1 : 2)
    }
}
