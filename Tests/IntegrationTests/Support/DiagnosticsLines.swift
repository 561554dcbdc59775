import Foundation
import Synchronization
import Vernier

/// Collects every line `Diagnostics` hands its handler, with no rate limit, until `finish()`; from then on
/// lines go to standard error again.
final class DiagnosticsLines: Sendable {
    private let captured = Mutex<[String]>([])

    init() {
        Diagnostics.setRateLimit(seconds: 0)
        Diagnostics.setHandler { [self] _, message in captured.withLock { $0.append(message) } }
    }

    /// The lines so far.
    var lines: [String] { captured.withLock { $0 } }

    /// Stops collecting and returns the lines.
    func finish() -> [String] {
        Diagnostics.setHandler { level, message in
            FileHandle.standardError.write(Data("vernier \(level.rawValue): \(message)\n".utf8))
        }
        return lines
    }
}
