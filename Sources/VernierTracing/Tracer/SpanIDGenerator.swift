import Vernier

/// Makes the random trace and span ids of new spans.
///
/// Ids come from the system's cryptographically secure generator, so the trace id's last 56 bits are random
/// as W3C Trace Context Level 2 lets samplers assume, and ids from different processes do not collide.
struct SpanIDGenerator: Sendable {
    func traceID() -> TraceID {
        var generator = SystemRandomNumberGenerator()
        var high: UInt64 = 0
        var low: UInt64 = 0
        while high == 0 && low == 0 {
            high = generator.next()
            low = generator.next()
        }
        return TraceID(high: high, low: low)
    }

    func spanID() -> SpanID {
        var generator = SystemRandomNumberGenerator()
        var value: UInt64 = 0
        while value == 0 { value = generator.next() }
        return SpanID(value)
    }
}
