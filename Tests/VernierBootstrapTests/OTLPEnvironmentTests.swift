import Testing
import Vernier
import VernierBootstrap
import VernierOTLP
import VernierTesting

@Suite("OTLP settings from the environment")
struct OTLPEnvironmentTests {
    /// Metrics and spans both pushed over OTLP, so that every OTLP variable applies.
    static let otlp = VernierConfiguration(metrics: .init(exporters: [.otlp]), traces: .init(exporters: [.otlp]))

    @Test func withoutVariablesEachSignalGoesToTheDefaultCollectorPath() {
        let resolved = Self.otlp.applyingEnvironment([:])
        #expect(resolved.metrics.otlp.url(for: .metrics) == "http://localhost:4318/v1/metrics")
        #expect(resolved.traces.otlp.url(for: .traces) == "http://localhost:4318/v1/traces")
    }

    @Test func theGeneralEndpointGetsEachSignalsPathAndASignalEndpointIsUsedAsIs() {
        let resolved = Self.otlp.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector/otlp/", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://traces:4318/custom",
        ])
        #expect(resolved.metrics.otlp.url(for: .metrics) == "https://collector/otlp/v1/metrics")
        #expect(resolved.traces.otlp.url(for: .traces) == "http://traces:4318/custom")
    }

    @Test func theGeneralEndpointReplacesTheCodesSignalEndpoint() {
        var code = Self.otlp
        code.metrics.otlp.signalEndpoint = "http://code:9000/metrics"
        let resolved = code.applyingEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"])
        #expect(resolved.metrics.otlp.url(for: .metrics) == "http://collector:4318/v1/metrics")
    }

    @Test func headersAddUpEachSignalsWinningAndStayWithTheirSignal() {
        var code = Self.otlp
        code.metrics.otlp.headers = [("x-code", "1"), ("x-team", "code")]
        let resolved = code.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_HEADERS": "api-key=abc%3D%3D, x-team = checkout%20crew",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "API-Key=metrics-key",
        ])
        #expect(resolved.metrics.otlp.headers.map { "\($0.name)=\($0.value)" } == ["x-code=1", "x-team=checkout crew", "API-Key=metrics-key"])
        #expect(resolved.traces.otlp.headers.map { "\($0.name)=\($0.value)" } == ["api-key=abc==", "x-team=checkout crew"])
    }

    @Test func everyChoiceIsReadCaseInsensitivelyAndTheSignalsVariableWins() {
        let resolved = Self.otlp.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2500", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "100",
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "HTTP/JSON", "OTEL_EXPORTER_OTLP_COMPRESSION": "GZIP",
            "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "LowMemory",
            "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION": "base2_exponential_bucket_histogram",
        ])
        #expect(resolved.metrics.otlp.timeout == .milliseconds(2500) && resolved.traces.otlp.timeout == .milliseconds(100))
        #expect(resolved.metrics.otlp.exportProtocol == .httpJSON && resolved.traces.otlp.exportProtocol == .httpProtobuf)
        #expect(resolved.metrics.otlp.compression == .gzip && resolved.traces.otlp.compression == .gzip)
        #expect(resolved.metrics.temporalityPreference == .lowMemory)
        #expect(resolved.metrics.defaultHistogramAggregation == .base2ExponentialBucketHistogram)
    }

    @Test func readableCertificateFilesAreTakenAndMissingOnesReported() {
        let warnings = DiagnosticsRecorder()
        let resolved = Self.otlp.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_CERTIFICATE": #filePath, "OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE": #filePath,
            "OTEL_EXPORTER_OTLP_CLIENT_KEY": "/nonexistent/key.pem",
        ], warn: warnings.record)
        #expect(resolved.metrics.otlp.tls.certificateAuthorityFile == #filePath && resolved.traces.otlp.tls.certificateAuthorityFile == #filePath)
        #expect(resolved.metrics.otlp.tls.clientCertificateFile == #filePath && resolved.traces.otlp.tls.clientCertificateFile == nil)
        #expect(resolved.metrics.otlp.tls.clientKeyFile == nil)
        #expect(warnings.lines == ["OTEL_EXPORTER_OTLP_CLIENT_KEY='/nonexistent/key.pem' is not a readable file; keeping none"])
    }

    @Test("a value that cannot be read gets one warning naming it, the value and what is kept, even when both signals read it", arguments: [
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "ten", "OTEL_EXPORTER_OTLP_TIMEOUT='ten' is not a whole number of milliseconds from 1 to 86400000; keeping 10.0 seconds"),
        ("OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "-5", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT='-5' is not a whole number of milliseconds from 1 to 86400000; keeping 10.0 seconds"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc+json", "OTEL_EXPORTER_OTLP_PROTOCOL='grpc+json' is not one of http/protobuf, http/json, grpc; keeping http/protobuf"),
        ("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd", "OTEL_EXPORTER_OTLP_COMPRESSION='zstd' is not one of none, gzip; keeping none"),
        ("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sometimes",
         "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE='sometimes' is not one of cumulative, delta, lowmemory; keeping cumulative"),
        ("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "buckets",
         "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION='buckets' is not one of explicit_bucket_histogram, base2_exponential_bucket_histogram; keeping explicit_bucket_histogram"),
        ("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://",
         "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT='http://' is not an http:// or https:// URL with a host; keeping http://localhost:4318/v1/metrics"),
        ("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "ftp://x",
         "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT='ftp://x' is not an http:// or https:// URL with a host; keeping http://localhost:4318/v1/metrics"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc\n2026-01-01 vernier error: forged\u{1B}[31m",
         #"OTEL_EXPORTER_OTLP_PROTOCOL='grpc\n2026-01-01 vernier error: forged\u{1B}[31m' is not one of http/protobuf, http/json, grpc; keeping http/protobuf"#),
    ])
    func aMalformedVariableGetsOneWarning(variable: String, value: String, warning: String) {
        let warnings = DiagnosticsRecorder()
        let resolved = Self.otlp.applyingEnvironment([variable: value], warn: warnings.record)
        #expect(warnings.lines == [warning])
        #expect(resolved.metrics.otlp.url(for: .metrics) == "http://localhost:4318/v1/metrics")
        #expect(resolved.metrics.otlp.timeout == .seconds(10) && resolved.metrics.otlp.exportProtocol == .httpProtobuf)
    }

    @Test("a general endpoint that is not http or https with a host is refused once for both signals, credentials masked",
          arguments: ["collector:4318", "gopher://user:secret@host"])
    func aMalformedGeneralEndpointIsReportedOnce(value: String) {
        let warnings = DiagnosticsRecorder()
        _ = Self.otlp.applyingEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": value], warn: warnings.record)
        #expect(warnings.lines == [
            "OTEL_EXPORTER_OTLP_ENDPOINT='\(URLCredentials.masked(value))' is not an http:// or https:// URL with a host; keeping http://localhost:4318",
        ])
        #expect(warnings.lines.allSatisfy { !$0.contains("secret") })
    }

    @Test func malformedHeaderEntriesAreSkippedWithoutShowingTheirValues() {
        let warnings = DiagnosticsRecorder()
        let resolved = Self.otlp.applyingEnvironment(["OTEL_EXPORTER_OTLP_HEADERS": "api-key=s3cret,broken-s3cret,bad=%zz-s3cret"], warn: warnings.record)
        #expect(resolved.metrics.otlp.headers.map(\.name) == ["api-key"])
        #expect(warnings.lines == [
            "OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 2, which is not a percent-encoded key=value pair",
            "OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 3, which is not a percent-encoded key=value pair",
        ])
    }

    @Test func otlpVariablesWithoutAnOTLPExporterSayHowToChooseOne() {
        let warnings = DiagnosticsRecorder()
        let resolved = VernierConfiguration().applyingEnvironment(
            ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_HEADERS": "api-key=s3cret"], warn: warnings.record)
        #expect(resolved.metrics.otlp.endpoint == "http://localhost:4318")
        #expect(warnings.lines == [
            "OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS have no effect: no OTLP exporter is chosen;"
                + " add otlp to OTEL_METRICS_EXPORTER or set OTEL_TRACES_EXPORTER=otlp to push over OTLP",
        ])
    }

    @Test func aSignalsOwnOTLPVariablesWithoutItsOTLPExporterSayHowToChooseIt() {
        let warnings = DiagnosticsRecorder()
        _ = VernierConfiguration(traces: .init(exporters: [.otlp])).applyingEnvironment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "http://metrics:4318/v1/metrics",
            "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "delta",
        ], warn: warnings.record)
        _ = VernierConfiguration(metrics: .init(exporters: [.otlp])).applyingEnvironment(
            ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "500", "OTEL_TRACES_EXPORTER": "none"], warn: warnings.record)
        #expect(warnings.lines == [
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE have no effect: no OTLP metrics exporter"
                + " is chosen (metrics exporters: prometheus); add otlp to OTEL_METRICS_EXPORTER to push metrics over OTLP",
            "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT has no effect: no OTLP span exporter is chosen (span exporters: none);"
                + " set OTEL_TRACES_EXPORTER=otlp to send spans over OTLP",
        ])
    }

    @Test func grpcGoesToTheSignalsServiceOnPort4317UnlessTheEndpointSaysOtherwise() {
        let resolved = Self.otlp.applyingEnvironment(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"])
        #expect(resolved.metrics.otlp.exportProtocol == .grpc)
        #expect(resolved.metrics.otlp.url(for: .metrics) == "http://localhost:4317/opentelemetry.proto.collector.metrics.v1.MetricsService/Export")
        #expect(resolved.traces.otlp.url(for: .traces) == "http://localhost:4317/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        let elsewhere = Self.otlp.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector:4317",
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "https://metrics:14317/",
        ])
        #expect(elsewhere.metrics.otlp.url(for: .metrics) == "https://metrics:14317/opentelemetry.proto.collector.metrics.v1.MetricsService/Export")
        #expect(elsewhere.traces.otlp.url(for: .traces) == "https://collector:4317/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        // An endpoint without a scheme takes https, or http with OTEL_EXPORTER_OTLP_INSECURE=true.
        let secure = Self.otlp.applyingEnvironment(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4317"])
        #expect(secure.metrics.otlp.endpoint == "https://collector:4317")
        let insecure = Self.otlp.applyingEnvironment([
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4317", "OTEL_EXPORTER_OTLP_INSECURE": "true",
        ])
        #expect(insecure.metrics.otlp.endpoint == "http://collector:4317" && insecure.traces.otlp.endpoint == "http://collector:4317")
    }
}
