import Vernier
import VernierTracing

/// Encodes finished spans as an OTLP `ExportTraceServiceRequest` in OTLP JSON (`application/json`), with the
/// mapping `OTLPMetricJSONEncoder` follows: lowerCamelCase keys, ids as hex, 64-bit integers as strings, enums
/// as numbers, default values left out.
public struct OTLPSpanJSONEncoder: OTLPEncoder {
    /// Creates an encoder.
    public init() {}

    public var contentType: String { "application/json" }

    public func encode(_ spans: [FinishedSpan]) throws(OTLPEncodingError) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + spans.count * 400)
        writer.beginObject()
        writer.key("resourceSpans")
        writer.beginArray()
        for group in FinishedSpan.otlpGroups(spans) {
            writer.beginObject()
            writer.resource(group.resource)
            writer.key("scopeSpans")
            writer.beginArray()
            for scopeGroup in group.scopes {
                writer.beginObject()
                writer.scope(scopeGroup.scope)
                writer.key("spans")
                writer.beginArray()
                for span in scopeGroup.spans { self.span(span, &writer) }
                writer.endArray()
                writer.text("schemaUrl", scopeGroup.scope.schemaURL ?? "")
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    public func partialSuccess(in body: [UInt8]) -> PartialSuccess? {
        PartialSuccess.json(body, rejectedKey: "rejectedSpans", snakeCaseKey: "rejected_spans")
    }

    private func span(_ span: FinishedSpan, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.text("traceId", span.context.traceID.hex)
        writer.text("spanId", span.context.spanID.hex)
        writer.text("traceState", span.context.traceState.header)
        if let parent = span.parentSpanID { writer.text("parentSpanId", parent.hex) }
        number("flags", span.otlpFlags, &writer)
        writer.text("name", span.name)
        number("kind", span.otlpKind.rawValue, &writer)
        writer.time("startTimeUnixNano", span.startTime)
        writer.time("endTimeUnixNano", span.endTime)
        writer.attributes("attributes", span.attributes)
        number("droppedAttributesCount", span.droppedAttributes, &writer)
        list("events", span.events, &writer) { event, writer in
            writer.time("timeUnixNano", event.time)
            writer.text("name", event.name)
            writer.attributes("attributes", event.attributes)
        }
        number("droppedEventsCount", span.droppedEvents, &writer)
        list("links", span.links, &writer) { link, writer in
            writer.text("traceId", link.context.traceID.hex)
            writer.text("spanId", link.context.spanID.hex)
            writer.text("traceState", link.context.traceState.header)
            writer.attributes("attributes", link.attributes)
            number("flags", link.otlpFlags, &writer)
        }
        number("droppedLinksCount", span.droppedLinks, &writer)
        status(span.status, &writer)
        writer.endObject()
    }

    private func status(_ status: FinishedSpan.Status, _ writer: inout JSONWriter) {
        switch status {
        case .unset:
            return
        case .ok:
            writer.key("status")
            writer.beginObject()
            number("code", 1, &writer)
            writer.endObject()
        case .error(let description):
            writer.key("status")
            writer.beginObject()
            writer.text("message", description ?? "")
            number("code", 2, &writer)
            writer.endObject()
        }
    }

    private func list<Element>(
        _ key: StaticString, _ elements: [Element], _ writer: inout JSONWriter, _ write: (Element, inout JSONWriter) -> Void
    ) {
        guard !elements.isEmpty else { return }
        writer.key(key)
        writer.beginArray()
        for element in elements {
            writer.beginObject()
            write(element, &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    /// A 32-bit number under `key`, left out when zero.
    private func number(_ key: StaticString, _ value: some BinaryInteger, _ writer: inout JSONWriter) {
        guard value != 0 else { return }
        writer.key(key)
        writer.integer(value)
    }
}
