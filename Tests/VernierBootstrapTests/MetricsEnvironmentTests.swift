import Testing
import Vernier
import VernierBootstrap
import VernierTesting

@Suite("Metrics settings from the environment")
struct MetricsEnvironmentTests {
    @Test func pushIntervalTimeoutAndExemplarFilterOverrideTheCode() {
        let resolved = VernierConfiguration(metrics: .init(exportInterval: .seconds(5), exemplarFilter: .alwaysOn)).applyingEnvironment([
            "OTEL_METRIC_EXPORT_INTERVAL": "1500", "OTEL_METRIC_EXPORT_TIMEOUT": "2000", "OTEL_METRICS_EXEMPLAR_FILTER": "Always_Off",
        ])
        #expect(resolved.metrics.exportInterval == .milliseconds(1500) && resolved.metrics.exportTimeout == .seconds(2))
        #expect(resolved.metrics.exemplarFilter == .alwaysOff)
    }

    @Test func unreadableValuesKeepTheCodesAndSaySo() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(
            ["OTEL_METRIC_EXPORT_TIMEOUT": "bad", "OTEL_METRICS_EXEMPLAR_FILTER": "sometimes"], warn: warnings.record)
        #expect(resolved.metrics.exportTimeout == .seconds(30) && resolved.metrics.exemplarFilter == .traceBased)
        #expect(warnings.lines == [
            "OTEL_METRIC_EXPORT_TIMEOUT='bad' is not a whole number of milliseconds from 1 to 86400000; keeping 30.0 seconds",
            "OTEL_METRICS_EXEMPLAR_FILTER='sometimes' is not one of trace_based, always_on, always_off; keeping trace_based",
        ])
    }
}
