import Testing
@testable import Vernier
import VernierTesting

@Suite struct ValidationTests {
    @Test(arguments: ["", "9lives", "_x", "has space", "emoji😀", String(repeating: "a", count: 256)])
    func invalidNamesThrow(name: String) throws {
        let metrics = TestMetrics()
        #expect(throws: VernierError.self) { try metrics.meter.counter(name) }
    }

    @Test(arguments: ["a", "http.server.request.duration", "A_b-c/d.e", String(repeating: "a", count: 255)])
    func validNamesPass(name: String) throws {
        let metrics = TestMetrics()
        _ = try metrics.meter.counter(name)
    }

    @Test func longOrNonASCIIUnitsThrow() {
        let metrics = TestMetrics()
        #expect(throws: VernierError.invalidUnit(instrument: "x", unit: String(repeating: "s", count: 64))) {
            try metrics.meter.counter("x", unit: String(repeating: "s", count: 64))
        }
        #expect(throws: VernierError.self) { try metrics.meter.counter("y", unit: "µs") }
    }

    @Test func theSameIdentityReturnsTheSameInstrument() throws {
        let metrics = TestMetrics()
        let first = try metrics.meter.counter("requests", unit: "{request}")
        let second = try metrics.meter.counter("requests", unit: "{request}")
        first.add(1)
        second.add(2)
        #expect(try metrics.collect().counterValue("requests") == 3)
    }

    @Test func anotherKindOrUnitForTheSameNameThrows() throws {
        let metrics = TestMetrics()
        _ = try metrics.meter.counter("requests", unit: "{request}")
        #expect(throws: VernierError.self) { try metrics.meter.histogram("requests", unit: "{request}") }
        #expect(throws: VernierError.self) { try metrics.meter.counter("requests", unit: "By") }
        #expect(throws: VernierError.self) { try metrics.meter.counter("Requests", unit: "{request}", valueType: Double.self) }
        do {
            _ = try metrics.meter.counter("requests", unit: "s")
        } catch {
            #expect("\(error)".contains("already registered as counter<Int> with unit '{request}'"))
        }
    }

    @Test func badBoundariesThrow() {
        let metrics = TestMetrics()
        #expect(throws: VernierError.self) { try metrics.meter.histogram("h", boundaries: [1, 1]) }
        #expect(throws: VernierError.self) { try metrics.meter.histogram("h2", boundaries: [1, .nan]) }
    }

    @Test func badValuesAreDroppedAndCountedByReason() throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c", valueType: Double.self)
        let histogram = try metrics.meter.histogram("h")
        counter.add(.nan)
        counter.add(-1)
        counter.bind().add(.infinity)
        counter.add(2)
        histogram.record(.nan)
        histogram.bind().record(-.infinity)
        histogram.record(1)
        let snapshot = metrics.collect()
        #expect(try snapshot.counterValue("c") == 2)
        #expect(try snapshot.histogram("h").count == 1)
        let dropped = "vernier.sdk.measurement.dropped"
        #expect(try snapshot.counterValue(dropped, attributes: ["instrument": "c", "error.type": "non_finite"]) == 2)
        #expect(try snapshot.counterValue(dropped, attributes: ["instrument": "c", "error.type": "negative_increment"]) == 1)
        #expect(try snapshot.counterValue(dropped, attributes: ["instrument": "h", "error.type": "non_finite"]) == 2)
    }

    @Test func upDownCountersAcceptNegativeValues() throws {
        let metrics = TestMetrics()
        try metrics.meter.upDownCounter("u").add(-4)
        let snapshot = metrics.collect()
        #expect(try snapshot.upDownCounterValue("u") == -4)
        #expect(throws: MetricLookupError.self) { try snapshot.metric(named: "vernier.sdk.measurement.dropped") }
    }
}
