import CProtobufC
import Vernier
import VernierTracing
import VernierProto
import VernierProtoArena

/// Encodes finished spans as an OTLP `ExportTraceServiceRequest` in protobuf (`application/x-protobuf`).
///
/// Spans are grouped by resource, then by instrumentation scope, as OTLP nests them. The message tree is
/// built in a protobuf-c arena shared with the metrics encoder, which also writes the attributes.
public struct OTLPSpanProtobufEncoder: OTLPEncoder {
    /// Creates an encoder.
    public init() {}

    public var contentType: String { "application/x-protobuf" }

    public func encode(_ spans: [FinishedSpan]) throws(OTLPEncodingError) -> [UInt8] {
        try encode(spans, headroom: 0)
    }

    public func encode(_ spans: [FinishedSpan], headroom: Int) throws(OTLPEncodingError) -> [UInt8] {
        let arena = OTLPArena(failingWith: .outOfMemory)
        let builder = Builder(arena: arena, common: OTLPMetricProtobufEncoder.Builder(arena: arena))
        return OTLPArena.pack(try builder.request(spans), headroom: headroom)
    }

    public func partialSuccess(in body: [UInt8]) -> PartialSuccess? {
        guard !body.isEmpty else { return nil }
        let response = body.withUnsafeBufferPointer {
            opentelemetry__proto__collector__trace__v1__export_trace_service_response__unpack(nil, $0.count, $0.baseAddress)
        }
        guard let response else { return nil }
        defer { opentelemetry__proto__collector__trace__v1__export_trace_service_response__free_unpacked(response, nil) }
        guard let partial = response.pointee.partial_success else { return nil }
        return PartialSuccess(
            rejected: partial.pointee.has_rejected_spans != 0 ? partial.pointee.rejected_spans : 0,
            errorMessage: partial.pointee.error_message.map { String(cString: $0) } ?? ""
        ).unlessFullSuccess
    }

    private typealias RequestMessage = Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest
    private typealias ResourceSpansMessage = Opentelemetry__Proto__Trace__V1__ResourceSpans
    private typealias ScopeSpansMessage = Opentelemetry__Proto__Trace__V1__ScopeSpans
    private typealias SpanMessage = Opentelemetry__Proto__Trace__V1__Span
    private typealias EventMessage = Opentelemetry__Proto__Trace__V1__Span__Event
    private typealias LinkMessage = Opentelemetry__Proto__Trace__V1__Span__Link
    private typealias StatusMessage = Opentelemetry__Proto__Trace__V1__Status

    /// Builds the message tree of one request in `arena`.
    private struct Builder {
        let arena: OTLPArena
        /// The resource, scope and attribute messages the metrics encoder builds the same way.
        let common: OTLPMetricProtobufEncoder.Builder

        func request(_ spans: [FinishedSpan]) throws(OTLPEncodingError) -> UnsafeMutablePointer<RequestMessage> {
            let request: UnsafeMutablePointer<RequestMessage> = try arena.message(opentelemetry__proto__collector__trace__v1__export_trace_service_request__init)
            (request.pointee.n_resource_spans, request.pointee.resource_spans) = try arena.list(FinishedSpan.otlpGroups(spans), resourceSpans)
            return request
        }

        private func resourceSpans(
            _ group: (resource: Resource, scopes: [(scope: InstrumentationScope, spans: [FinishedSpan])])
        ) throws(OTLPEncodingError) -> UnsafeMutablePointer<ResourceSpansMessage> {
            let message: UnsafeMutablePointer<ResourceSpansMessage> = try arena.message(opentelemetry__proto__trace__v1__resource_spans__init)
            message.pointee.resource = try common.resource(group.resource)
            (message.pointee.n_scope_spans, message.pointee.scope_spans) = try arena.list(group.scopes, scopeSpans)
            return message
        }

        private func scopeSpans(_ group: (scope: InstrumentationScope, spans: [FinishedSpan])) throws(OTLPEncodingError) -> UnsafeMutablePointer<ScopeSpansMessage> {
            let message: UnsafeMutablePointer<ScopeSpansMessage> = try arena.message(opentelemetry__proto__trace__v1__scope_spans__init)
            message.pointee.scope = try common.scope(group.scope)
            message.pointee.schema_url = try arena.string(group.scope.schemaURL ?? "")
            (message.pointee.n_spans, message.pointee.spans) = try arena.list(group.spans, span)
            return message
        }

        private func span(_ span: FinishedSpan) throws(OTLPEncodingError) -> UnsafeMutablePointer<SpanMessage> {
            let message: UnsafeMutablePointer<SpanMessage> = try arena.message(opentelemetry__proto__trace__v1__span__init)
            message.pointee.trace_id = try arena.binary(span.context.traceID.bytes)
            message.pointee.has_trace_id = 1
            message.pointee.span_id = try arena.binary(span.context.spanID.bytes)
            message.pointee.has_span_id = 1
            message.pointee.trace_state = try arena.string(span.context.traceState.header)
            if let parent = span.parentSpanID {
                message.pointee.parent_span_id = try arena.binary(parent.bytes)
                message.pointee.has_parent_span_id = 1
            }
            message.pointee.flags = span.otlpFlags
            message.pointee.has_flags = 1
            message.pointee.name = try arena.string(span.name)
            message.pointee.kind = span.otlpKind
            message.pointee.has_kind = 1
            message.pointee.start_time_unix_nano = span.startTime.nanosecondsSinceEpoch
            message.pointee.has_start_time_unix_nano = 1
            message.pointee.end_time_unix_nano = span.endTime.nanosecondsSinceEpoch
            message.pointee.has_end_time_unix_nano = 1
            (message.pointee.n_attributes, message.pointee.attributes) = try common.keyValues(span.attributes)
            setCount(&message.pointee.dropped_attributes_count, &message.pointee.has_dropped_attributes_count, span.droppedAttributes)
            (message.pointee.n_events, message.pointee.events) = try arena.list(span.events, event)
            setCount(&message.pointee.dropped_events_count, &message.pointee.has_dropped_events_count, span.droppedEvents)
            (message.pointee.n_links, message.pointee.links) = try arena.list(span.links, link)
            setCount(&message.pointee.dropped_links_count, &message.pointee.has_dropped_links_count, span.droppedLinks)
            message.pointee.status = try status(span.status)
            return message
        }

        private func event(_ event: FinishedSpan.Event) throws(OTLPEncodingError) -> UnsafeMutablePointer<EventMessage> {
            let message: UnsafeMutablePointer<EventMessage> = try arena.message(opentelemetry__proto__trace__v1__span__event__init)
            message.pointee.time_unix_nano = event.time.nanosecondsSinceEpoch
            message.pointee.has_time_unix_nano = 1
            message.pointee.name = try arena.string(event.name)
            (message.pointee.n_attributes, message.pointee.attributes) = try common.keyValues(event.attributes)
            return message
        }

        private func link(_ link: FinishedSpan.Link) throws(OTLPEncodingError) -> UnsafeMutablePointer<LinkMessage> {
            let message: UnsafeMutablePointer<LinkMessage> = try arena.message(opentelemetry__proto__trace__v1__span__link__init)
            message.pointee.trace_id = try arena.binary(link.context.traceID.bytes)
            message.pointee.has_trace_id = 1
            message.pointee.span_id = try arena.binary(link.context.spanID.bytes)
            message.pointee.has_span_id = 1
            message.pointee.trace_state = try arena.string(link.context.traceState.header)
            (message.pointee.n_attributes, message.pointee.attributes) = try common.keyValues(link.attributes)
            message.pointee.flags = link.otlpFlags
            message.pointee.has_flags = 1
            return message
        }

        private func status(_ status: FinishedSpan.Status) throws(OTLPEncodingError) -> UnsafeMutablePointer<StatusMessage>? {
            let message: UnsafeMutablePointer<StatusMessage> = try arena.message(opentelemetry__proto__trace__v1__status__init)
            switch status {
            case .unset:
                return nil
            case .ok:
                message.pointee.code = OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_OK
            case .error(let description):
                message.pointee.code = OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR
                message.pointee.message = try arena.string(description ?? "")
            }
            message.pointee.has_code = 1
            return message
        }

        private func setCount(_ field: inout UInt32, _ presence: inout protobuf_c_boolean, _ count: Int) {
            field = UInt32(clamping: count)
            presence = count > 0 ? 1 : 0
        }
    }
}
