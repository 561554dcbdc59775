import Testing
import Vernier
import VernierBootstrap
import VernierRemoteWrite
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

    @Test func aPushgatewayURLTurnsThePushOnWithTheServiceNameAsJob() {
        let resolved = VernierConfiguration(resource: Resource(serviceName: "nightly-report"))
            .applyingEnvironment(["VERNIER_PUSHGATEWAY_URL": "http://gateway:9091"])
        #expect(resolved.metrics.pushgateway?.url == "http://gateway:9091" && resolved.metrics.pushgateway?.job == "nightly-report")

        let warnings = DiagnosticsRecorder()
        let code = PushgatewayConfiguration(url: "http://code:9091", job: "code-job")
        let kept = VernierConfiguration(metrics: .init(pushgateway: code))
            .applyingEnvironment(["VERNIER_PUSHGATEWAY_URL": "gateway:9091"], warn: warnings.record)
        #expect(kept.metrics.pushgateway?.url == "http://code:9091" && kept.metrics.pushgateway?.job == "code-job")
        #expect(warnings.lines == ["VERNIER_PUSHGATEWAY_URL='gateway:9091' is not an http:// or https:// URL with a host; keeping http://code:9091"])
    }
}
