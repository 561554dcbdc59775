import Vernier

/// What identifies a span across processes: the W3C trace context a child span or a downstream service inherits.
public struct SpanContext: Sendable, Hashable {
    /// The trace the span belongs to.
    public var traceID: TraceID
    /// The span itself.
    public var spanID: SpanID
    /// The trace flags, the sampled bit among them.
    public var traceFlags: TraceFlags
    /// Vendor entries carried along with the trace.
    public var traceState: TraceState
    /// Whether the context came from another process through a `traceparent` header.
    public var isRemote: Bool

    /// Creates a span context.
    public init(traceID: TraceID, spanID: SpanID, traceFlags: TraceFlags = .sampled, traceState: TraceState = TraceState(), isRemote: Bool = false) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
    }

    /// Whether the trace is sampled.
    public var isSampled: Bool { traceFlags.contains(.sampled) }

    /// The part of the context exemplars keep.
    public var identity: SpanIdentity {
        SpanIdentity(traceID: traceID, spanID: spanID, isSampled: isSampled)
    }
}
