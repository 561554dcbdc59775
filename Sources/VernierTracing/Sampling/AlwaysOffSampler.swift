import Tracing
import Vernier

/// Drops every span: `always_off`. Contexts still propagate, so downstream services see one trace.
public struct AlwaysOffSampler: Sampler {
    /// Creates the sampler.
    public init() {}

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision {
        .drop
    }

    public var description: String { "AlwaysOffSampler" }
}
