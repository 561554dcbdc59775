import Vernier

/// Encodes a snapshot as an OTLP `ExportMetricsServiceRequest` in OTLP JSON (`application/json`).
///
/// OTLP JSON is the protobuf JSON mapping with OTLP's exceptions: lowerCamelCase keys, trace and span ids
/// as hex rather than base64, 64-bit integers as strings, enums as numbers. Fields holding their default
/// value are left out, as a proto3 encoder leaves them out.
public struct OTLPJSONEncoder: OTLPMetricsEncoder {
    /// Creates an encoder.
    public init() {}

    public var contentType: String { "application/json" }

    public func encode(_ snapshot: MetricsSnapshot) throws(OTLPEncodingError) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + snapshot.pointCount * 160)
        writer.beginObject()
        writer.key("resourceMetrics")
        writer.beginArray()
        writer.beginObject()
        writer.key("resource")
        writer.beginObject()
        attributes("attributes", snapshot.resource.attributes, &writer)
        writer.endObject()
        writer.key("scopeMetrics")
        writer.beginArray()
        for scopeMetrics in snapshot.scopes {
            scope(scopeMetrics, &writer)
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private func scope(_ scopeMetrics: ScopeMetrics, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("scope")
        writer.beginObject()
        text("name", scopeMetrics.scope.name, &writer)
        text("version", scopeMetrics.scope.version ?? "", &writer)
        attributes("attributes", scopeMetrics.scope.attributes, &writer)
        writer.endObject()
        writer.key("metrics")
        writer.beginArray()
        for metric in scopeMetrics.metrics {
            self.metric(metric, &writer)
        }
        writer.endArray()
        text("schemaUrl", scopeMetrics.scope.schemaURL ?? "", &writer)
        writer.endObject()
    }

    private func metric(_ metric: Metric, _ writer: inout JSONWriter) {
        writer.beginObject()
        text("name", metric.name, &writer)
        text("description", metric.description, &writer)
        text("unit", metric.unit, &writer)
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
        attributes("attributes", point.attributes, &writer)
        time("startTimeUnixNano", point.startTime, &writer)
        time("timeUnixNano", point.time, &writer)
        value(point.value, &writer)
        exemplars(point.exemplars, &writer)
    }

    private func histogramPoint(_ point: HistogramPoint, _ writer: inout JSONWriter) {
        attributes("attributes", point.attributes, &writer)
        time("startTimeUnixNano", point.startTime, &writer)
        time("timeUnixNano", point.time, &writer)
        counter("count", point.count, &writer)
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
        optionalDouble("min", point.min, &writer)
        optionalDouble("max", point.max, &writer)
    }

    private func exponentialPoint(_ point: ExponentialHistogramPoint, _ writer: inout JSONWriter) {
        attributes("attributes", point.attributes, &writer)
        time("startTimeUnixNano", point.startTime, &writer)
        time("timeUnixNano", point.time, &writer)
        counter("count", point.count, &writer)
        writer.key("sum")
        writer.double(point.sum)
        if point.scale != 0 {
            writer.key("scale")
            writer.integer(point.scale)
        }
        counter("zeroCount", point.zeroCount, &writer)
        buckets("positive", point.positive, &writer)
        buckets("negative", point.negative, &writer)
        exemplars(point.exemplars, &writer)
        optionalDouble("min", point.min, &writer)
        optionalDouble("max", point.max, &writer)
        if point.zeroThreshold != 0 {
            writer.key("zeroThreshold")
            writer.double(point.zeroThreshold)
        }
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
            attributes("filteredAttributes", exemplar.filteredAttributes, &writer)
            time("timeUnixNano", exemplar.time, &writer)
            value(exemplar.value, &writer)
            if let spanID = exemplar.spanID { text("spanId", spanID.hex, &writer) }
            if let traceID = exemplar.traceID { text("traceId", traceID.hex, &writer) }
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

    private func attributes(_ key: StaticString, _ attributes: Attributes, _ writer: inout JSONWriter) {
        guard !attributes.isEmpty else { return }
        writer.key(key)
        writer.beginArray()
        for attribute in attributes {
            writer.beginObject()
            writer.key("key")
            writer.string(attribute.key)
            writer.key("value")
            anyValue(attribute.value, &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    private func anyValue(_ value: AttributeValue, _ writer: inout JSONWriter) {
        switch value {
        case .string(let text): scalar { $0.key("stringValue"); $0.string(text) }
        case .int(let number): scalar { $0.key("intValue"); $0.quotedInteger(number) }
        case .double(let number): scalar { $0.key("doubleValue"); $0.double(number) }
        case .bool(let flag): scalar { $0.key("boolValue"); $0.bool(flag) }
        case .stringArray(let values): array(values) { $0.key("stringValue"); $0.string($1) }
        case .intArray(let values): array(values) { $0.key("intValue"); $0.quotedInteger($1) }
        case .doubleArray(let values): array(values) { $0.key("doubleValue"); $0.double($1) }
        case .boolArray(let values): array(values) { $0.key("boolValue"); $0.bool($1) }
        }

        func scalar(_ write: (inout JSONWriter) -> Void) {
            writer.beginObject()
            write(&writer)
            writer.endObject()
        }

        func array<Element>(_ values: [Element], _ write: (inout JSONWriter, Element) -> Void) {
            writer.beginObject()
            writer.key("arrayValue")
            writer.beginObject()
            if !values.isEmpty {
                writer.key("values")
                writer.beginArray()
                for element in values {
                    writer.beginObject()
                    write(&writer, element)
                    writer.endObject()
                }
                writer.endArray()
            }
            writer.endObject()
            writer.endObject()
        }
    }

    private func temporality(_ temporality: AggregationTemporality, _ writer: inout JSONWriter) {
        writer.key("aggregationTemporality")
        writer.integer(temporality == .delta ? 1 : 2)
    }

    private func text(_ key: StaticString, _ value: String, _ writer: inout JSONWriter) {
        guard !value.isEmpty else { return }
        writer.key(key)
        writer.string(value)
    }

    private func time(_ key: StaticString, _ time: Timestamp, _ writer: inout JSONWriter) {
        counter(key, time.nanosecondsSinceEpoch, &writer)
    }

    private func counter(_ key: StaticString, _ value: UInt64, _ writer: inout JSONWriter) {
        guard value != 0 else { return }
        writer.key(key)
        writer.quotedInteger(value)
    }

    private func optionalDouble(_ key: StaticString, _ value: Double?, _ writer: inout JSONWriter) {
        guard let value else { return }
        writer.key(key)
        writer.double(value)
    }
}
