import Synchronization
import Vernier

/// Collects the diagnostic lines Vernier reports from now on.
final class DiagnosticsCapture: Sendable {
    private let captured = Mutex<[String]>([])

    init() {
        Diagnostics.setHandler { [self] _, message in captured.withLock { $0.append(message) } }
    }

    var lines: [String] { captured.withLock { $0 } }
}
