import Foundation
import Synchronization
import Testing
import Vernier
import VernierOTLP
import VernierTransport
import VernierTesting

@Suite struct OTLPConfigurationTests {
    @Test func defaultsAreTheOpenTelemetryOnes() {
        let configuration = OTLPExporterConfiguration()
        #expect(configuration.url(for: .metrics) == "http://localhost:4318/v1/metrics")
        #expect(configuration.url(for: .traces) == "http://localhost:4318/v1/traces")
        #expect(configuration.timeout == .seconds(10))
        #expect(configuration.exportProtocol == .httpProtobuf)
        #expect(configuration.compression == .none)
        #expect(configuration.headers.isEmpty)
        #expect(configuration.tls == TLSConfiguration())
        #expect(configuration.retryPolicy == .otlp)
    }

    @Test func theBaseEndpointGetsEachSignalsPathAndASignalEndpointIsUsedAsIs() {
        var configuration = OTLPExporterConfiguration(endpoint: "https://collector/otlp/")
        #expect(configuration.url(for: .metrics) == "https://collector/otlp/v1/metrics")
        configuration.endpoint = "https://collector/otlp"
        #expect(configuration.url(for: .traces) == "https://collector/otlp/v1/traces")
        configuration.signalEndpoint = "http://metrics:9000/custom"
        #expect(configuration.url(for: .metrics) == "http://metrics:9000/custom")
    }

    @Test func exportersSendToTheirSignalsURL() {
        let configuration = OTLPExporterConfiguration(endpoint: "http://collector:4318")
        #expect(OTLPMetricExporter(configuration: configuration).endpoint == "http://collector:4318/v1/metrics")
        #expect(OTLPSpanExporter(configuration: configuration).endpoint == "http://collector:4318/v1/traces")
    }

    @Test func optionsAreNamedAsTheSpecificationNamesThem() {
        #expect(OTLPExporterConfiguration.ExportProtocol.httpJSON.description == "http/json")
        #expect(OTLPExporterConfiguration.Compression.gzip.description == "gzip")
        #expect(OTLPSignal.traces.description == "traces")
    }

    @Test func headersTheExporterSetsItselfAreLeftOutWithAWarningThatShowsNoValue() {
        let diagnostics = DiagnosticsRecorder()
        diagnostics.captureDiagnostics()
        defer { diagnostics.stopCapturing() }
        _ = OTLPSpanExporter(configuration: OTLPExporterConfiguration(headers: [("Content-Type", "text/plain"), ("x-api-key", "k-17")]))
        #expect(diagnostics.lines.filter { $0.contains("itself") } == ["the OTLP traces exporter sets Content-Type itself; the configured value is left out"])
    }
}
