import Logging
import Testing
import Vernier
import VernierLogging

@Suite("Counting log handler")
struct CountingLogHandlerTests {
    @Test func countsRecordsByLevelAndPassesThemOn() throws {
        let reader = PullMetricReader()
        let provider = MeterProvider(readers: [reader])
        let counter = try LogRecordCounter(meter: provider.meter("app"))
        let capture = CapturingLogHandler()
        var logger = Logger(label: "test") { _ in CountingLogHandler(wrapping: capture, counter: counter) }
        logger.logLevel = .info
        logger.info("one")
        logger.error("two")
        logger.error("three")
        logger.debug("below the level: neither counted nor passed on")

        #expect(capture.events.map(\.message) == ["one", "two", "three"])
        let metric = try #require(reader.collect().metrics.first { $0.name == LogRecordCounter.name })
        guard case .sum(let sum) = metric.data else {
            Issue.record("not a sum")
            return
        }
        let counts = Dictionary(uniqueKeysWithValues: sum.points.map { ($0.attributes["log.level"]?.description ?? "", $0.value) })
        #expect(counts["info"] == .int(1))
        #expect(counts["error"] == .int(2))
        #expect(counts["debug"] == nil || counts["debug"] == .int(0))
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
