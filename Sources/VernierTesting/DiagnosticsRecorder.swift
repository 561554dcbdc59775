import Vernier
import VernierConcurrency

/// Records the lines Vernier reports, so a test can assert on its warnings.
///
/// Pass `record` where Vernier takes a `warn` closure, or let the recorder receive every `Diagnostics` line
/// between `captureDiagnostics(rateLimited:)` and `stopCapturing()`:
///
/// ```swift
/// let diagnostics = DiagnosticsRecorder()
/// diagnostics.captureDiagnostics()
/// defer { diagnostics.stopCapturing() }
/// // ... the code under test
/// #expect(diagnostics.lines.contains { $0.contains("is not a valid instrument name") })
/// ```
public final class DiagnosticsRecorder: Sendable {
    private let recorded = MutexBox<[String]>([])

    /// Creates a recorder with no lines.
    public init() {}

    /// Every line recorded so far, in order.
    public var lines: [String] { recorded.withLock { $0 } }

    /// Keeps `line`.
    public func record(_ line: String) {
        recorded.withLock { $0.append(line) }
    }

    /// Makes the recorder the handler of `Diagnostics`, so it records every line Vernier reports from now on;
    /// with `rateLimited` false, lines that share a key are all kept instead of one a minute.
    public func captureDiagnostics(rateLimited: Bool = true) {
        if !rateLimited { Diagnostics.setRateLimit(seconds: 0) }
        Diagnostics.setHandler { [self] _, message in record(message) }
    }

    /// Sends `Diagnostics` lines to standard error again, rate-limited as by default.
    public func stopCapturing() {
        Diagnostics.setRateLimit(seconds: Diagnostics.defaultRateLimitSeconds)
        Diagnostics.setHandler(Diagnostics.standardErrorHandler)
    }
}
