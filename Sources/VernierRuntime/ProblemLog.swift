import Vernier
import VernierConcurrency

/// Reports each problem of one sampler once, so a metric that cannot be read does not log at every collection.
final class ProblemLog: Sendable {
    private let reported = MutexBox<Set<String>>([])

    /// Logs `message` unless a problem with the same key was logged before.
    func reportOnce(key: String, _ message: @autoclosure () -> String) {
        guard reported.withLock({ $0.insert(key).inserted }) else { return }
        Diagnostics.warn("runtime sampler: " + message())
    }
}
