import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import Vernier

@Suite("Periodic reader as a service")
struct PeriodicMetricReaderServiceTests {
    @Test func gracefulShutdownExportsOnceMoreAndShutsTheExporterDown() async throws {
        let exporter = RecordingExporter()
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let provider = MeterProvider(resource: Resource(attributes: ["service.name": "test"]), readers: [reader])
        let counter = try provider.meter("test").counter("jobs.done")
        counter.add(3)

        let group = ServiceGroup(services: [reader], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(exporter.snapshots.withLock { $0.isEmpty })
        await group.triggerGracefulShutdown()
        try await running.value

        let exported = exporter.snapshots.withLock { $0 }
        #expect(exported.count == 1)
        let jobs = exported.first?.metrics.first { $0.name == "jobs.done" }
        guard case .sum(let sum)? = jobs?.data else {
            Issue.record("jobs.done was not exported as a sum")
            return
        }
        #expect(sum.points.first?.value == .int(3))
        let shutdowns = exporter.shutdowns.load(ordering: .relaxed)
        #expect(shutdowns == 1)
    }
}
