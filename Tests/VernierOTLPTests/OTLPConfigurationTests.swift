import Foundation
import Synchronization
import Testing
import Vernier
import VernierTransport
@testable import VernierOTLP

@Suite(.serialized) struct OTLPConfigurationTests {
    /// Runs `body` while collecting the diagnostics lines that mention `variable`.
    private func warnings(mentioning variable: String, _ body: () -> Void) -> [String] {
        let lines = Mutex<[String]>([])
        Diagnostics.setHandler { level, message in
            guard message.contains(variable) else { return }
            lines.withLock { $0.append(message) }
        }
        body()
        Diagnostics.setHandler { level, message in
            FileHandle.standardError.write(Data("vernier \(level.rawValue): \(message)\n".utf8))
        }
        return lines.withLock { $0 }
    }

    @Test func defaultsAreTheOpenTelemetryOnes() {
        let configuration = OTLPMetricExporterConfiguration(environment: [:])
        #expect(configuration.endpoint == "http://localhost:4318/v1/metrics")
        #expect(configuration.timeout == .seconds(10))
        #expect(configuration.exportProtocol == .httpProtobuf)
        #expect(configuration.compression == OTLPMetricExporterConfiguration.Compression.none)
        #expect(configuration.temporalityPreference == .cumulative)
        #expect(configuration.defaultHistogramAggregation == .explicitBucketHistogram)
        #expect(configuration.headers.isEmpty)
        #expect(configuration.retryPolicy == .otlp)
        #expect(!configuration.isSDKDisabled)
    }

    @Test func theGeneralEndpointGetsTheSignalPathAndTheMetricsEndpointIsUsedAsIs() {
        #expect(OTLPMetricExporterConfiguration(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]).endpoint
                == "http://collector:4318/v1/metrics")
        #expect(OTLPMetricExporterConfiguration(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector/otlp/"]).endpoint
                == "https://collector/otlp/v1/metrics")
        #expect(OTLPMetricExporterConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "http://metrics:9000/custom",
        ]).endpoint == "http://metrics:9000/custom")
    }

    @Test func headersArePercentDecodedAndTheMetricsOnesWin() {
        let configuration = OTLPMetricExporterConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_HEADERS": "api-key=abc%3D%3D, x-team = checkout%20crew",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "API-Key=metrics-key",
        ])
        #expect(configuration.headers.map(\.name) == ["x-team", "API-Key"])
        #expect(configuration.headers.map(\.value) == ["checkout crew", "metrics-key"])
    }

    @Test func everyChoiceIsReadCaseInsensitively() {
        let configuration = OTLPMetricExporterConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2500",
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_COMPRESSION": "GZIP",
            "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE": "LowMemory",
            "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION": "base2_exponential_bucket_histogram",
            "OTEL_SDK_DISABLED": "TRUE",
        ])
        #expect(configuration.timeout == .milliseconds(2500))
        #expect(configuration.exportProtocol == .httpJSON)
        #expect(configuration.compression == .gzip)
        #expect(configuration.temporalityPreference == .lowMemory)
        #expect(configuration.defaultHistogramAggregation == .base2ExponentialBucketHistogram)
        #expect(configuration.isSDKDisabled)
    }

    @Test func readableCertificateFilesAreUsedAndMissingOnesReported() {
        var configuration: OTLPMetricExporterConfiguration?
        let lines = warnings(mentioning: "OTEL_EXPORTER_OTLP_CLIENT_KEY") {
            configuration = OTLPMetricExporterConfiguration(environment: [
                "OTEL_EXPORTER_OTLP_CERTIFICATE": #filePath,
                "OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE": #filePath,
                "OTEL_EXPORTER_OTLP_CLIENT_KEY": "/nonexistent/key.pem",
            ])
        }
        #expect(configuration?.tls.certificateAuthorityFile == #filePath)
        #expect(configuration?.tls.clientCertificateFile == #filePath)
        #expect(configuration?.tls.clientKeyFile == nil)
        #expect(lines == ["OTEL_EXPORTER_OTLP_CLIENT_KEY='/nonexistent/key.pem' is not a readable file; using none"])
    }

    @Test(arguments: [
        ("OTEL_EXPORTER_OTLP_TIMEOUT", "ten", "OTEL_EXPORTER_OTLP_TIMEOUT='ten' is not a positive number of milliseconds; using 10000"),
        ("OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "-5", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT='-5' is not a positive number of milliseconds; using 10000"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_PROTOCOL='grpc' is not supported; using http/protobuf"),
        ("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd", "OTEL_EXPORTER_OTLP_COMPRESSION='zstd' is not supported; using none"),
        ("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sometimes", "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE='sometimes' is not supported; using cumulative"),
        ("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "buckets", "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION='buckets' is not supported; using explicit_bucket_histogram"),
        ("OTEL_SDK_DISABLED", "yes", "OTEL_SDK_DISABLED='yes' is not true or false; using false"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT='collector:4318' is not an http:// or https:// URL with a host; using http://localhost:4318/v1/metrics"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "gopher://user:secret@host", "OTEL_EXPORTER_OTLP_ENDPOINT='gopher://****@host' is not an http:// or https:// URL with a host; using http://localhost:4318/v1/metrics"),
        ("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT='http://' is not an http:// or https:// URL with a host; using http://localhost:4318/v1/metrics"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc\n2026-01-01 vernier error: forged\u{1B}[31m", #"OTEL_EXPORTER_OTLP_PROTOCOL='grpc\n2026-01-01 vernier error: forged\u{1B}[31m' is not supported; using http/protobuf"#),
        ("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "ftp://x", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT='ftp://x' is not an http:// or https:// URL with a host; using http://localhost:4318/v1/metrics"),
    ])
    func aMalformedVariableGetsOneWarningNamingItAndTheFallback(variable: String, value: String, warning: String) {
        var configuration: OTLPMetricExporterConfiguration?
        let lines = warnings(mentioning: variable) {
            configuration = OTLPMetricExporterConfiguration(environment: [variable: value])
        }
        #expect(lines == [warning])
        #expect(configuration?.endpoint == OTLPMetricExporterConfiguration.defaultEndpoint)
        #expect(configuration?.timeout == .seconds(10))
        #expect(configuration?.exportProtocol == .httpProtobuf)
        #expect(configuration?.isSDKDisabled == false)
    }

    @Test func malformedHeaderEntriesAreSkippedWithoutLoggingTheirValues() {
        var configuration: OTLPMetricExporterConfiguration?
        let lines = warnings(mentioning: "OTEL_EXPORTER_OTLP_HEADERS") {
            configuration = OTLPMetricExporterConfiguration(environment: ["OTEL_EXPORTER_OTLP_HEADERS": "api-key=s3cret,broken-s3cret,bad=%zz-s3cret"])
        }
        #expect(configuration?.headers.map(\.name) == ["api-key"])
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { !$0.contains("s3cret") })
        #expect(lines.first == "OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 2, which is not a percent-encoded key=value pair")
    }

    @Test func logLinesNeverShowURLCredentials() {
        #expect(OTLPMetricExporterConfiguration(endpoint: "https://user:pass@collector:4318/v1/metrics").loggableEndpoint
                == "https://****@collector:4318/v1/metrics")
        #expect(OTLPMetricExporterConfiguration(endpoint: "http://collector/v1/metrics?x=a@b").loggableEndpoint == "http://collector/v1/metrics?x=a@b")
    }
}
