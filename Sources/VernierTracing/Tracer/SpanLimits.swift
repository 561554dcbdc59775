/// How much one span keeps, so that a runaway loop adding events cannot grow a span without bound.
///
/// What goes past a limit is dropped and counted in the exported span.
public struct SpanLimits: Sendable, Hashable {
    /// The most attributes per span.
    public var attributeCount: Int
    /// The most events per span.
    public var eventCount: Int
    /// The most links per span.
    public var linkCount: Int

    /// Creates limits; the defaults are the OpenTelemetry ones, 128 each.
    public init(attributeCount: Int = 128, eventCount: Int = 128, linkCount: Int = 128) {
        self.attributeCount = attributeCount
        self.eventCount = eventCount
        self.linkCount = linkCount
    }
}
