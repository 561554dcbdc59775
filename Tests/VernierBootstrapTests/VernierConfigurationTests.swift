import Testing
import Vernier
import VernierBootstrap
import VernierRemoteWrite
import VernierTesting

@Suite("Configuration from code and the environment")
struct VernierConfigurationTests {
    @Test("the code's values stand when the environment says nothing")
    func codeValuesStand() {
        let code = VernierConfiguration(metrics: .init(exporters: [.otlp], prometheus: .init(port: 9000)))
        let resolved = code.applyingEnvironment([:])
        #expect(resolved.metrics.exporters == [.otlp] && resolved.metrics.prometheus.port == 9000 && resolved.metrics.remoteWrite == nil)
        #expect(resolved.traces.exporters.isEmpty && !resolved.isDisabled && resolved.runtime.isEnabled)
    }

    @Test("OTEL_METRICS_EXPORTER and OTEL_TRACES_EXPORTER select exporters; unknown names are skipped with a warning")
    func exporterListsComeFromTheEnvironment() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(
            ["OTEL_METRICS_EXPORTER": " otlp, prometheus,zipkin,otlp", "OTEL_TRACES_EXPORTER": "otlp"], warn: warnings.record)
        #expect(resolved.metrics.exporters == [.otlp, .prometheus])
        #expect(resolved.traces.exporters == [.otlp])
        #expect(warnings.lines == [
            "OTEL_METRICS_EXPORTER='otlp, prometheus,zipkin,otlp': 'zipkin' is no known exporter (prometheus, otlp, console, none)"
                + " and is skipped; using otlp, prometheus",
        ])
        #expect(VernierConfiguration().applyingEnvironment(["OTEL_METRICS_EXPORTER": "none"]).metrics.exporters.isEmpty)
    }

    @Test("an exporter list that names no known exporter keeps the code's exporters, and says so in the same line")
    func anUnknownExporterKeepsTheCodesChoice() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(["OTEL_METRICS_EXPORTER": "bogus"], warn: warnings.record)
        #expect(resolved.metrics.exporters == [.prometheus])
        let traces = VernierConfiguration(metrics: .init(exporters: [.otlp, .console])).applyingEnvironment(
            ["OTEL_METRICS_EXPORTER": "bogus, zipkin", "OTEL_TRACES_EXPORTER": "jaeger"], warn: warnings.record)
        #expect(traces.metrics.exporters == [.otlp, .console] && traces.traces.exporters.isEmpty)
        #expect(warnings.lines == [
            "OTEL_METRICS_EXPORTER='bogus' names no known exporter (prometheus, otlp, console, none); keeping prometheus",
            "OTEL_METRICS_EXPORTER='bogus, zipkin' names no known exporter (prometheus, otlp, console, none); keeping otlp, console",
            "OTEL_TRACES_EXPORTER='jaeger' names no known exporter (otlp, none); keeping none",
        ])
    }

    @Test("none next to unknown names selects nothing and names what it skipped")
    func noneWithUnknownNamesSelectsNothing() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(["OTEL_METRICS_EXPORTER": "none,bogus,zipkin"], warn: warnings.record)
        #expect(resolved.metrics.exporters.isEmpty)
        #expect(warnings.lines == [
            "OTEL_METRICS_EXPORTER='none,bogus,zipkin': 'bogus', 'zipkin' are no known exporters (prometheus, otlp, console, none)"
                + " and are skipped; using none",
        ])
    }

    @Test("a remote-write URL that is not http or https with a host is refused, naming the masked value and what happens instead",
          arguments: ["not-a-url", "http://", "http://:9090/api/v1/write", "gopher://user:secret@host/write", "user:secret@mimir:9009",
                      "http://mimir:port/write", "http://mimir /write"])
    func aRemoteWriteURLMustBeHTTPWithAHost(url: String) {
        let warnings = DiagnosticsRecorder()
        let off = VernierConfiguration().applyingEnvironment(["VERNIER_REMOTE_WRITE_URL": url], warn: warnings.record)
        #expect(off.metrics.remoteWrite == nil)
        let code = RemoteWriteConfiguration(url: "https://writer:c0de-pw@mimir:9009/api/v1/push")
        let kept = VernierConfiguration(metrics: .init(remoteWrite: code)).applyingEnvironment(["VERNIER_REMOTE_WRITE_URL": url], warn: warnings.record)
        #expect(kept.metrics.remoteWrite?.url == code.url)
        let shown = URLCredentials.masked(url)
        #expect(warnings.lines == [
            "VERNIER_REMOTE_WRITE_URL='\(shown)' is not an http:// or https:// URL with a host; remote write stays off",
            "VERNIER_REMOTE_WRITE_URL='\(shown)' is not an http:// or https:// URL with a host; keeping https://****@mimir:9009/api/v1/push",
        ])
        #expect(warnings.lines.allSatisfy { !$0.contains("secret") && !$0.contains("c0de-pw") })
    }

    @Test("http and https URLs with a host turn remote write on", arguments: [
        "http://mimir:9009/api/v1/push", "HTTPS://writer:pw@mimir/api/v1/push", "http://[::1]:9090/api/v1/write", "http://127.0.0.1?x=1",
    ])
    func anHTTPRemoteWriteURLIsTaken(url: String) {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(["VERNIER_REMOTE_WRITE_URL": url], warn: warnings.record)
        #expect(resolved.metrics.remoteWrite?.url == url)
        #expect(warnings.lines.isEmpty)
    }

    @Test("queue and shard variables without remote write, or below the code's minimum, say what is done instead")
    func remoteWriteVariablesThatCannotApply() throws {
        let warnings = DiagnosticsRecorder()
        _ = VernierConfiguration().applyingEnvironment(
            ["VERNIER_REMOTE_WRITE_QUEUE_DIR": "/var/lib/shop/queue", "VERNIER_REMOTE_WRITE_MAX_SHARDS": "4"], warn: warnings.record)
        let code = RemoteWriteConfiguration(url: "http://mimir/api/v1/push", minimumShardCount: 3)
        let resolved = VernierConfiguration(metrics: .init(remoteWrite: code)).applyingEnvironment(["VERNIER_REMOTE_WRITE_MAX_SHARDS": "2"], warn: warnings.record)
        #expect(try #require(resolved.metrics.remoteWrite).maximumShardCount == 3)
        #expect(warnings.lines == [
            "VERNIER_REMOTE_WRITE_QUEUE_DIR='/var/lib/shop/queue' has no effect: remote write is off (no usable VERNIER_REMOTE_WRITE_URL); ignoring it",
            "VERNIER_REMOTE_WRITE_MAX_SHARDS='4' has no effect: remote write is off (no usable VERNIER_REMOTE_WRITE_URL); ignoring it",
            "VERNIER_REMOTE_WRITE_MAX_SHARDS='2' is below the code's minimum of 3 shards; using 3",
        ])
    }

    @Test("a value with line breaks or escape sequences is quoted escaped, on one line")
    func aForgedValueStaysOnOneLine() {
        let warnings = DiagnosticsRecorder()
        _ = VernierConfiguration().applyingEnvironment(
            ["OTEL_SDK_DISABLED": "yes\n2026-01-01 vernier error: forged\u{1B}[31m"], warn: warnings.record)
        #expect(warnings.lines == [#"OTEL_SDK_DISABLED='yes\n2026-01-01 vernier error: forged\u{1B}[31m' is neither true nor false; keeping false"#])
    }

    @Test("Prometheus address, remote-write and runtime variables override the code")
    func vernierVariablesOverrideTheCode() throws {
        let resolved = VernierConfiguration().applyingEnvironment([
            "OTEL_EXPORTER_PROMETHEUS_HOST": "0.0.0.0", "OTEL_EXPORTER_PROMETHEUS_PORT": "9500",
            "VERNIER_REMOTE_WRITE_URL": "http://mimir:9009/api/v1/push", "VERNIER_REMOTE_WRITE_INTERVAL": "30",
            "VERNIER_REMOTE_WRITE_QUEUE_DIR": "/var/lib/shop/queue", "VERNIER_RUNTIME_METRICS": "false",
            "VERNIER_REMOTE_WRITE_MAX_SHARDS": "4",
        ])
        #expect(resolved.metrics.prometheus == .init(host: "0.0.0.0", port: 9500))
        let remoteWrite = try #require(resolved.metrics.remoteWrite)
        #expect(remoteWrite.url == "http://mimir:9009/api/v1/push" && remoteWrite.queueDirectory == "/var/lib/shop/queue")
        #expect(remoteWrite.minimumShardCount == 1 && remoteWrite.maximumShardCount == 4)
        #expect(resolved.metrics.remoteWriteInterval == .seconds(30))
        #expect(!resolved.runtime.isEnabled)
    }

    @Test("a value that cannot be read keeps the code's value and says which variable was wrong")
    func badValuesAreReported() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration(metrics: .init(prometheus: .init(port: 9100))).applyingEnvironment(
            ["OTEL_EXPORTER_PROMETHEUS_PORT": "70000", "OTEL_SDK_DISABLED": "yes", "VERNIER_REMOTE_WRITE_INTERVAL": "0"], warn: warnings.record)
        #expect(resolved.metrics.prometheus.port == 9100 && !resolved.isDisabled && resolved.metrics.remoteWriteInterval == .seconds(15))
        #expect(warnings.lines == [
            "OTEL_SDK_DISABLED='yes' is neither true nor false; keeping false",
            "OTEL_EXPORTER_PROMETHEUS_PORT='70000' is not a whole number from 0 to 65535; keeping 9100",
            "VERNIER_REMOTE_WRITE_INTERVAL='0' is not a whole number from 1 to 86400; keeping 15.0 seconds",
        ])
    }
}
