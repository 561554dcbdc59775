import ServiceContextModule
import Vernier

/// The `ServiceContext` key holding what of a span context the core's `spanIdentity` cannot: its trace state, a
/// remote origin, or trace flags other than sampled.
///
/// Most span contexts are local, with no trace state and only the sampled flag; for them the identity alone says
/// everything, so starting a span writes one context entry instead of two.
public enum SpanContextKey: ServiceContextKey {
    public typealias Value = SpanContext
    public static var nameOverride: String? { "vernier.span-context" }
}

extension ServiceContext {
    /// The W3C span context in this service context.
    ///
    /// It lives in the core's `spanIdentity`, which is where Vernier's exemplar sampling and log metadata look,
    /// plus a `SpanContextKey` entry when the context carries more than the identity. A context whose identity
    /// another tracer set reads as a local span context with that identity.
    public var spanContext: SpanContext? {
        get {
            guard let identity = spanIdentity else { return nil }
            if let full = self[SpanContextKey.self], full.identity == identity { return full }
            return SpanContext(
                traceID: identity.traceID, spanID: identity.spanID,
                traceFlags: identity.isSampled ? .sampled : [], traceState: TraceState(), isRemote: false)
        }
        set {
            spanIdentity = newValue?.identity
            if let newValue, newValue.carriesMoreThanIdentity {
                self[SpanContextKey.self] = newValue
            } else if self[SpanContextKey.self] != nil {
                self[SpanContextKey.self] = nil
            }
        }
    }
}

extension SpanContext {
    /// True when the identity alone cannot restore this context.
    var carriesMoreThanIdentity: Bool {
        isRemote || !traceState.isEmpty || traceFlags.subtracting(.sampled).rawValue != 0
    }
}
