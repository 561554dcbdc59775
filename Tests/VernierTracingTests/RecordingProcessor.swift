import Synchronization
import VernierTracing

/// A span processor that keeps every span it receives, for assertions.
final class RecordingProcessor: SpanProcessor {
    private let received = Mutex<[FinishedSpan]>([])

    var spans: [FinishedSpan] { received.withLock { $0 } }

    func onEnd(_ span: FinishedSpan) {
        received.withLock { $0.append(span) }
    }

    func forceFlush() async {}

    func shutdown() async {}
}
