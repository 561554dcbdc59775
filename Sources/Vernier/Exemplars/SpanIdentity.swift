import ServiceContextModule

/// The ids of the span active when a measurement is recorded: what an exemplar keeps of a trace.
public struct SpanIdentity: Sendable, Hashable {
    /// The trace the span belongs to.
    public var traceID: TraceID
    /// The span itself.
    public var spanID: SpanID
    /// Whether the trace is sampled, which the `traceBased` exemplar filter requires.
    public var isSampled: Bool

    /// Creates a span identity.
    public init(traceID: TraceID, spanID: SpanID, isSampled: Bool) {
        self.traceID = traceID
        self.spanID = spanID
        self.isSampled = isSampled
    }
}

/// The `ServiceContext` key under which a tracer publishes the active span's identity for exemplars.
///
/// Vernier's tracer sets it; any other tracer can set it too, or supply its own `ExemplarSpanSource`.
public enum SpanIdentityKey: ServiceContextKey {
    public typealias Value = SpanIdentity
    public static var nameOverride: String? { "vernier.span-identity" }
}

/// Supplies the active span's identity when a measurement is recorded, so any tracer can feed exemplars.
public protocol ExemplarSpanSource: Sendable {
    /// The span active on the calling task or thread, if any.
    func currentSpan() -> SpanIdentity?
}

/// Reads the active span from `ServiceContext.current`, by default under `SpanIdentityKey`.
///
/// A tracer that stores its own span context type can pass a closure that turns it into a `SpanIdentity`.
public struct ServiceContextSpanSource: ExemplarSpanSource {
    private let extract: @Sendable (ServiceContext) -> SpanIdentity?

    /// Reads `SpanIdentityKey`.
    public init() {
        self.extract = { $0[SpanIdentityKey.self] }
    }

    /// Reads the span identity with a tracer-specific function.
    public init(extract: @escaping @Sendable (ServiceContext) -> SpanIdentity?) {
        self.extract = extract
    }

    public func currentSpan() -> SpanIdentity? {
        ServiceContext.current.flatMap(extract)
    }
}
