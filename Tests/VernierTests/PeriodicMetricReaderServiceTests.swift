import Logging
import ServiceLifecycle
import Testing
@testable import Vernier
import VernierTesting

@Suite("Periodic reader as a service")
struct PeriodicMetricReaderServiceTests {
    @Test func gracefulShutdownExportsOnceMoreAndShutsTheExporterDown() async throws {
        let exporter = InMemoryMetricExporter()
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let provider = MeterProvider(resource: Resource(attributes: ["service.name": "test"]), readers: [reader])
        let counter = try provider.meter("test").counter("jobs.done")
        counter.add(3)

        let group = ServiceGroup(services: [reader], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(exporter.snapshots.isEmpty)
        await group.triggerGracefulShutdown()
        try await running.value

        let exported = exporter.snapshots
        #expect(exported.count == 1)
        #expect(try exported.first?.counterValue("jobs.done") == 3)
        #expect(exporter.shutdownCount == 1)
    }
}
