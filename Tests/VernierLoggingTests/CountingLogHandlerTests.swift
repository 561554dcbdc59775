import Logging
import Testing
import Vernier
import VernierLogging
import VernierTesting

@Suite("Counting log handler")
struct CountingLogHandlerTests {
    @Test func countsRecordsByLevelAndPassesThemOn() throws {
        let metrics = TestMetrics()
        let counter = try LogRecordCounter(meter: metrics.meter("app"))
        let capture = CapturingLogHandler()
        var logger = Logger(label: "test") { _ in CountingLogHandler(wrapping: capture, counter: counter) }
        logger.logLevel = .info
        logger.info("one")
        logger.error("two")
        logger.error("three")
        logger.debug("below the level: neither counted nor passed on")

        #expect(capture.events.map(\.message) == ["one", "two", "three"])
        let snapshot = metrics.collect()
        #expect(try snapshot.counterValue(LogRecordCounter.name, attributes: ["log.level": "info"]) == 1)
        #expect(try snapshot.counterValue(LogRecordCounter.name, attributes: ["log.level": "error"]) == 2)
        #expect(try snapshot.counterTotal(LogRecordCounter.name) { $0["log.level"] == "debug" } == 0)
    }

    @Test func forwardsMetadataAndLevelToTheWrappedHandler() throws {
        let counter = try LogRecordCounter(meter: MeterProvider().meter("app"))
        var handler = CountingLogHandler(wrapping: CapturingLogHandler(), counter: counter)
        handler[metadataKey: "request"] = "42"
        handler.logLevel = .warning
        #expect(handler.wrapped[metadataKey: "request"] == "42")
        #expect(handler.wrapped.logLevel == .warning)
    }
}
