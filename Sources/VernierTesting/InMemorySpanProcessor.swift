import VernierConcurrency
import VernierTracing

/// A span processor that keeps every span that ends, so a test can assert on what the code under test traced.
///
/// ```swift
/// let spans = InMemorySpanProcessor()
/// let tracer = VernierTracer(resource: Resource(serviceName: "test"), sampler: AlwaysOnSampler(), processors: [spans])
/// ```
public final class InMemorySpanProcessor: SpanProcessor {
    private let received = MutexBox<[FinishedSpan]>([])

    /// Creates an empty processor.
    public init() {}

    /// Every span that ended so far, in the order they ended.
    public var spans: [FinishedSpan] { received.withLock { $0 } }

    public func onEnd(_ span: FinishedSpan) {
        received.withLock { $0.append(span) }
    }

    public func forceFlush() async {}

    public func shutdown() async {}
}
