#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Vernier
import VernierConcurrency

/// Collects the lines `Diagnostics` hands its handler until `finish()`, which sends later lines to standard
/// error again. The lines are kept in a `MutexBox`, which ThreadSanitizer understands, as other tests may
/// report lines from other threads meanwhile.
final class DiagnosticsLines: Sendable {
    private let captured = MutexBox<[String]>([])

    init() {
        Diagnostics.setHandler { [self] _, message in captured.withLock { $0.append(message) } }
    }

    /// The lines so far; later lines go to standard error.
    func finish() -> [String] {
        Diagnostics.setHandler { level, message in
            let line = "vernier \(level.rawValue): \(message)\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
        return captured.withLock { $0 }
    }
}
