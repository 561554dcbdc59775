import Vernier
import VernierConcurrency

/// An exporter that keeps every snapshot it is given, so a test can assert on what a `PeriodicMetricReader`
/// exported, with the temporality the test asks for.
///
/// ```swift
/// let exporter = InMemoryMetricExporter(temporalityPreference: .delta)
/// let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(1))
/// ```
public final class InMemoryMetricExporter: MetricExporter {
    /// The temporality the reader collects with for this exporter.
    public let temporalityPreference: TemporalityPreference
    private let received = MutexBox<[MetricsSnapshot]>([])
    private let shutdowns = MutexBox(0)

    /// Creates an exporter that has kept nothing yet.
    public init(temporalityPreference: TemporalityPreference = .cumulative) {
        self.temporalityPreference = temporalityPreference
    }

    /// Every snapshot exported so far, in order.
    public var snapshots: [MetricsSnapshot] { received.withLock { $0 } }

    /// How many times the exporter was shut down, so a test can check that a reader shuts it down exactly once.
    public var shutdownCount: Int { shutdowns.withLock { $0 } }

    /// Keeps `snapshot`.
    public func export(_ snapshot: MetricsSnapshot) async throws {
        received.withLock { $0.append(snapshot) }
    }

    /// Counts the shutdown; the snapshots stay readable.
    public func shutdown() async {
        shutdowns.withLock { $0 += 1 }
    }
}
