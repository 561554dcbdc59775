import Tracing
import Vernier

/// What a sampler decided for a new span.
public enum SamplingDecision: Sendable, Hashable {
    /// The span is not recorded; its context still propagates, unsampled.
    case drop
    /// The span is recorded but not exported, and its context is unsampled.
    case recordOnly
    /// The span is recorded, exported, and its context is sampled.
    case recordAndSample
}

/// Decides, when a span starts, whether it is recorded and exported.
///
/// The tracer asks once per span, before the span exists, with what it knows then.
public protocol Sampler: Sendable {
    /// The decision for a span named `name` of `kind` in trace `traceID`, whose parent (local or remote) is `parent`.
    func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision

    /// How the sampler describes itself, as the OpenTelemetry SDKs do, for logs.
    var description: String { get }
}
