import Synchronization
import Testing
import Vernier
import VernierBootstrap

@Suite("Configuration from code and the environment")
struct VernierConfigurationTests {
    /// Collects the warnings `applyingEnvironment` reports.
    final class Warnings: Sendable {
        private let lines = Mutex<[String]>([])
        func record(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("the code's values stand when the environment says nothing")
    func codeValuesStand() {
        let code = VernierConfiguration(metricsExporters: [.otlp], prometheusPort: 9000)
        let resolved = code.applyingEnvironment([:])
        #expect(resolved.metricsExporters == [.otlp] && resolved.prometheusPort == 9000 && resolved.remoteWrite == nil)
        #expect(resolved.tracesExporters.isEmpty && !resolved.isDisabled && resolved.runtimeMetrics)
    }

    @Test("OTEL_METRICS_EXPORTER and OTEL_TRACES_EXPORTER select exporters; unknown names are skipped with a warning")
    func exporterListsComeFromTheEnvironment() {
        let warnings = Warnings()
        let resolved = VernierConfiguration().applyingEnvironment(
            ["OTEL_METRICS_EXPORTER": " otlp, prometheus,zipkin,otlp", "OTEL_TRACES_EXPORTER": "otlp"], warn: warnings.record)
        #expect(resolved.metricsExporters == [.otlp, .prometheus])
        #expect(resolved.tracesExporters == [.otlp])
        #expect(warnings.all == ["OTEL_METRICS_EXPORTER names an unknown exporter 'zipkin'; it is skipped"])
        #expect(VernierConfiguration().applyingEnvironment(["OTEL_METRICS_EXPORTER": "none"]).metricsExporters.isEmpty)
    }

    @Test("Prometheus address, remote-write and runtime variables override the code")
    func vernierVariablesOverrideTheCode() throws {
        let resolved = VernierConfiguration().applyingEnvironment([
            "OTEL_EXPORTER_PROMETHEUS_HOST": "0.0.0.0", "OTEL_EXPORTER_PROMETHEUS_PORT": "9500",
            "VERNIER_REMOTE_WRITE_URL": "http://mimir:9009/api/v1/push", "VERNIER_REMOTE_WRITE_INTERVAL": "30",
            "VERNIER_REMOTE_WRITE_QUEUE_DIR": "/var/lib/shop/queue", "VERNIER_RUNTIME_METRICS": "false",
            "VERNIER_REMOTE_WRITE_MAX_SHARDS": "4",
        ])
        #expect(resolved.prometheusHost == "0.0.0.0" && resolved.prometheusPort == 9500)
        let remoteWrite = try #require(resolved.remoteWrite)
        #expect(remoteWrite.url == "http://mimir:9009/api/v1/push" && remoteWrite.queueDirectory == "/var/lib/shop/queue")
        #expect(remoteWrite.minimumShardCount == 1 && remoteWrite.maximumShardCount == 4)
        #expect(resolved.remoteWriteInterval == .seconds(30))
        #expect(!resolved.runtimeMetrics)
    }

    @Test("a value that cannot be read keeps the code's value and says which variable was wrong")
    func badValuesAreReported() {
        let warnings = Warnings()
        let resolved = VernierConfiguration(prometheusPort: 9100).applyingEnvironment(
            ["OTEL_EXPORTER_PROMETHEUS_PORT": "70000", "OTEL_SDK_DISABLED": "yes", "VERNIER_REMOTE_WRITE_INTERVAL": "0"], warn: warnings.record)
        #expect(resolved.prometheusPort == 9100 && !resolved.isDisabled && resolved.remoteWriteInterval == .seconds(15))
        #expect(warnings.all.count == 3)
        #expect(warnings.all.contains { $0.hasPrefix("OTEL_EXPORTER_PROMETHEUS_PORT='70000'") })
        #expect(warnings.all.contains { $0.hasPrefix("OTEL_SDK_DISABLED='yes'") })
    }
}
