import ServiceContextModule
import Vernier

/// The `ServiceContext` key holding the span context of the active span, or of the remote parent after extraction.
public enum SpanContextKey: ServiceContextKey {
    public typealias Value = SpanContext
    public static var nameOverride: String? { "vernier.span-context" }
}

extension ServiceContext {
    /// The W3C span context in this service context.
    ///
    /// Setting it also sets the core's `spanIdentity`, which is where Vernier's exemplar sampling looks by
    /// default, so histograms recorded inside a span link to it.
    public var spanContext: SpanContext? {
        get { self[SpanContextKey.self] }
        set {
            self[SpanContextKey.self] = newValue
            spanIdentity = newValue?.identity
        }
    }
}
