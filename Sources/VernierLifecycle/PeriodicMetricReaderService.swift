import ServiceLifecycle
import Vernier

/// Runs a `PeriodicMetricReader` as a ServiceLifecycle `Service`.
///
/// The reader exports on its interval; on graceful shutdown it exports one last time and shuts its exporter
/// down before `run()` returns, so a service stopping with Ctrl-C or SIGTERM loses no measurements.
public struct PeriodicMetricReaderService: Service, Sendable {
    /// The reader being run.
    public let reader: PeriodicMetricReader

    /// Wraps a reader that was given to a `MeterProvider`.
    public init(_ reader: PeriodicMetricReader) {
        self.reader = reader
    }

    public func run() async throws {
        let reader = self.reader
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await reader.run() }
            // Returns on graceful shutdown and throws on cancellation; either way the final export follows.
            try? await gracefulShutdown()
            await reader.shutdown()
            group.cancelAll()
        }
    }
}
