import Testing
@testable import Vernier

@Suite struct ValidationTests {
    @Test(arguments: ["", "9lives", "_x", "has space", "emoji😀", String(repeating: "a", count: 256)])
    func invalidNamesThrow(name: String) throws {
        let harness = Harness()
        #expect(throws: VernierError.self) { try harness.meter.counter(name) }
    }

    @Test(arguments: ["a", "http.server.request.duration", "A_b-c/d.e", String(repeating: "a", count: 255)])
    func validNamesPass(name: String) throws {
        let harness = Harness()
        _ = try harness.meter.counter(name)
    }

    @Test func longOrNonASCIIUnitsThrow() {
        let harness = Harness()
        #expect(throws: VernierError.invalidUnit(instrument: "x", unit: String(repeating: "s", count: 64))) {
            try harness.meter.counter("x", unit: String(repeating: "s", count: 64))
        }
        #expect(throws: VernierError.self) { try harness.meter.counter("y", unit: "µs") }
    }

    @Test func theSameIdentityReturnsTheSameInstrument() throws {
        let harness = Harness()
        let first = try harness.meter.counter("requests", unit: "{request}")
        let second = try harness.meter.counter("requests", unit: "{request}")
        first.add(1)
        second.add(2)
        #expect(harness.metric("requests")?.value() == 3)
    }

    @Test func anotherKindOrUnitForTheSameNameThrows() throws {
        let harness = Harness()
        _ = try harness.meter.counter("requests", unit: "{request}")
        #expect(throws: VernierError.self) { try harness.meter.histogram("requests", unit: "{request}") }
        #expect(throws: VernierError.self) { try harness.meter.counter("requests", unit: "By") }
        #expect(throws: VernierError.self) { try harness.meter.counter("Requests", unit: "{request}", valueType: Double.self) }
        do {
            _ = try harness.meter.counter("requests", unit: "s")
        } catch {
            #expect("\(error)".contains("already registered as counter<Int> with unit '{request}'"))
        }
    }

    @Test func badBoundariesThrow() {
        let harness = Harness()
        #expect(throws: VernierError.self) { try harness.meter.histogram("h", boundaries: [1, 1]) }
        #expect(throws: VernierError.self) { try harness.meter.histogram("h2", boundaries: [1, .nan]) }
    }

    @Test func badValuesAreDroppedAndCountedByReason() throws {
        let harness = Harness()
        let counter = try harness.meter.counter("c", valueType: Double.self)
        let histogram = try harness.meter.histogram("h")
        counter.add(.nan)
        counter.add(-1)
        counter.bind().add(.infinity)
        counter.add(2)
        histogram.record(.nan)
        histogram.bind().record(-.infinity)
        histogram.record(1)
        let snapshot = harness.collect()
        #expect(harness.metric("c", in: snapshot)?.value() == 2)
        #expect(harness.metric("h", in: snapshot)?.histogramPoints.first?.count == 1)
        let dropped = try #require(harness.metric("vernier.sdk.measurement.dropped", in: snapshot))
        #expect(dropped.value(["instrument": "c", "error.type": "non_finite"]) == 2)
        #expect(dropped.value(["instrument": "c", "error.type": "negative_increment"]) == 1)
        #expect(dropped.value(["instrument": "h", "error.type": "non_finite"]) == 2)
    }

    @Test func upDownCountersAcceptNegativeValues() throws {
        let harness = Harness()
        try harness.meter.upDownCounter("u").add(-4)
        let snapshot = harness.collect()
        #expect(harness.metric("u", in: snapshot)?.value() == -4)
        #expect(harness.metric("vernier.sdk.measurement.dropped", in: snapshot) == nil)
    }
}
