import Tracing
import Vernier

/// Samples a fixed fraction of traces, deciding from the trace id alone: `traceidratio`.
///
/// The decision compares the trace id's last 56 bits, random by W3C Trace Context Level 2, with a threshold,
/// so every service using the same ratio makes the same decision for a trace, and a higher ratio samples a
/// superset of the traces a lower one does.
public struct TraceIDRatioSampler: Sampler {
    /// The fraction of traces sampled, between 0 and 1.
    public let ratio: Double
    private let threshold: UInt64

    private static let randomBits: UInt64 = 1 << 56

    /// Creates the sampler; a ratio outside 0...1 (or NaN) is clamped into it.
    public init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        self.ratio = clamped
        threshold = clamped >= 1 ? Self.randomBits : UInt64(clamped * Double(Self.randomBits))
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingDecision {
        (traceID.low & (Self.randomBits - 1)) < threshold ? .recordAndSample : .drop
    }

    public var description: String { "TraceIdRatioBased{\(ratio)}" }
}
