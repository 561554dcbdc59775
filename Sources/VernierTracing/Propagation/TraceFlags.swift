/// The W3C `trace-flags` byte of a span context; only the sampled bit has a meaning today.
public struct TraceFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// Creates flags from the byte carried in `traceparent`.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The caller may have recorded the trace: a sampler that follows its parent samples too.
    public static let sampled = TraceFlags(rawValue: 0x01)
}
