import Tracing
import Vernier

/// Records and samples every span: `always_on`.
public struct AlwaysOnSampler: Sampler {
    /// Creates the sampler.
    public init() {}

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision {
        .recordAndSample
    }

    public var description: String { "AlwaysOnSampler" }
}
