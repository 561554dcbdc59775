import Tracing
import Vernier
import VernierProto
import VernierTracing

/// What the protobuf and JSON span encoders derive from spans the same way: the nesting and the numeric fields.
extension FinishedSpan {
    /// `spans` nested as OTLP nests them: by resource, then by instrumentation scope, in first-seen order.
    static func otlpGroups(_ spans: [FinishedSpan]) -> [(resource: Resource, scopes: [(scope: InstrumentationScope, spans: [FinishedSpan])])] {
        grouped(spans, by: \.resource).map { ($0.key, grouped($0.spans, by: \.scope).map { ($0.key, $0.spans) }) }
    }

    private static func grouped<Key: Equatable>(_ spans: [FinishedSpan], by key: (FinishedSpan) -> Key) -> [(key: Key, spans: [FinishedSpan])] {
        var groups: [(key: Key, spans: [FinishedSpan])] = []
        for span in spans {
            let spanKey = key(span)
            if let index = groups.firstIndex(where: { $0.key == spanKey }) {
                groups[index].spans.append(span)
            } else {
                groups.append((spanKey, [span]))
            }
        }
        return groups
    }

    /// The span's `flags` field: the W3C trace flags, and whether the parent is remote when there is one.
    var otlpFlags: UInt32 {
        Self.otlpFlags(context.traceFlags, remoteParent: parentSpanID == nil ? nil : hasRemoteParent)
    }

    /// The `SpanKind` enum value.
    var otlpKind: Opentelemetry__Proto__Trace__V1__Span__SpanKind {
        switch kind {
        case .server: return OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_SERVER
        case .client: return OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_CLIENT
        case .producer: return OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_PRODUCER
        case .consumer: return OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_CONSUMER
        case .internal: return OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_INTERNAL
        }
    }

    /// A `flags` field: `traceFlags`, and when `remoteParent` is known, whether the parent or linked span is remote.
    static func otlpFlags(_ traceFlags: TraceFlags, remoteParent: Bool?) -> UInt32 {
        var flags = UInt32(traceFlags.rawValue)
        if let remoteParent {
            flags |= UInt32(OPENTELEMETRY__PROTO__TRACE__V1__SPAN_FLAGS__SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK.rawValue)
            if remoteParent { flags |= UInt32(OPENTELEMETRY__PROTO__TRACE__V1__SPAN_FLAGS__SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK.rawValue) }
        }
        return flags
    }
}

extension FinishedSpan.Link {
    /// The link's `flags` field: the linked span's trace flags and whether it is remote.
    var otlpFlags: UInt32 {
        FinishedSpan.otlpFlags(context.traceFlags, remoteParent: context.isRemote)
    }
}
