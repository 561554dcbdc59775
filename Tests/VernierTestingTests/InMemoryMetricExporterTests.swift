import Vernier
import VernierTesting
import XCTest

final class InMemoryMetricExporterTests: XCTestCase {
    func testKeepsEverySnapshotWithTheTemporalityAsked() async throws {
        let exporter = InMemoryMetricExporter(temporalityPreference: .delta)
        let reader = PeriodicMetricReader(exporter: exporter, interval: .seconds(3600))
        let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        let counter = try provider.meter("exporter").counter("c")
        counter.add(1)
        await provider.forceFlush()
        counter.add(10)
        await provider.shutdown()
        let values = try exporter.snapshots.map { try $0.counterValue("c") }
        XCTAssertEqual(values, [1, 10])
        XCTAssertEqual(exporter.shutdownCount, 1)
    }

    func testAFailedLookupThrowsWhatWasThere() throws {
        let metrics = TestMetrics()
        try metrics.meter("exporter").gauge("g").record(1, attributes: ["k": "a"])
        XCTAssertThrowsError(try metrics.collect().gaugeValue("g", attributes: ["k": "b"])) { error in
            XCTAssertEqual("\(error)", "\"g\" (gauge) has no series {k=\"b\"}; it has: {k=\"a\"}")
        }
    }
}
