import Testing
import Vernier
import VernierOTLP
import VernierTesting
import VernierTracing

/// The self-metrics both exporters keep, checked against a collector that is not there.
@Suite struct OTLPExporterSelfMetricsTests {
    /// A provider whose pull reader reads what one exporter counted on its meter.
    private struct Reading {
        let reader = PullMetricReader()
        let provider: MeterProvider

        init() {
            provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
        }

        /// The `otel.component.*` attributes of the one exporter counting here, from its in-flight series.
        func component(_ item: String) -> Attributes {
            for metric in reader.collect().metrics where metric.name == "otel.sdk.exporter.\(item).inflight" {
                if case .sum(let sum) = metric.data, let point = sum.points.first { return point.attributes }
            }
            return .empty
        }

        /// The series of `name` with exactly `attributes`: a sum's value or a histogram's count; nil when absent.
        func value(_ name: String, _ attributes: Attributes) -> Double? {
            for metric in reader.collect().metrics where metric.name == name {
                switch metric.data {
                case .sum(let sum): return sum.points.first { $0.attributes == attributes }?.value.doubleValue
                case .histogram(let histogram): return histogram.points.first { $0.attributes == attributes }.map { Double($0.count) }
                default: return nil
                }
            }
            return nil
        }
    }

    private static func nowhere(_ exportProtocol: OTLPExporterConfiguration.ExportProtocol = .httpProtobuf) -> OTLPExporterConfiguration {
        OTLPExporterConfiguration(endpoint: "http://127.0.0.1:1", timeout: .seconds(2), exportProtocol: exportProtocol, retryPolicy: .none)
    }

    @Test func aFailedSpanExportIsCountedWithItsErrorTypeAndNothingStaysInFlight() async throws {
        let reading = Reading()
        let exporter = OTLPSpanExporter(configuration: Self.nowhere())
        exporter.attachSelfMetrics(to: reading.provider.meter("vernier"))
        let processor = InMemorySpanProcessor()
        let tracer = VernierTracer(sampler: AlwaysOnSampler(), processors: [processor])
        for _ in 0..<3 { tracer.startSpan("s", context: .topLevel).end() }

        await #expect(throws: OTLPExportError.self) { try await exporter.export(processor.spans) }
        await exporter.shutdown()

        let component = reading.component("span")
        #expect(component["otel.component.type"] == "otlp_http_span_exporter")
        #expect(component["otel.component.name"]?.description.hasPrefix("otlp_http_span_exporter/") == true)
        #expect(reading.value("otel.sdk.exporter.span.inflight", component) == 0)
        #expect(reading.value("otel.sdk.exporter.span.exported", component) == 0)
        let failed = component.merging(["error.type": "connection_failed"])
        #expect(reading.value("otel.sdk.exporter.span.exported", failed) == 3)
        #expect(reading.value("otel.sdk.exporter.operation.duration", failed) == 1)
        await #expect(throws: OTLPExportError.shutDown) { try await exporter.export(processor.spans) }
        #expect(reading.value("otel.sdk.exporter.span.exported", component.merging(["error.type": "shutdown"])) == 3)
    }

    @Test func aJSONMetricExporterCountsDataPointsUnderItsOwnTypeAndTheNextIndex() async throws {
        let (first, second) = (Reading(), Reading())
        let exporters = [OTLPMetricExporter(configuration: Self.nowhere(.httpJSON)), OTLPMetricExporter(configuration: Self.nowhere(.httpJSON))]
        exporters[0].attachSelfMetrics(to: first.provider.meter("vernier"))
        exporters[1].attachSelfMetrics(to: second.provider.meter("vernier"))
        let index = { (reading: Reading) in Int(reading.component("metric_data_point")["otel.component.name"]?.description.split(separator: "/").last ?? "") }
        #expect(first.component("metric_data_point")["otel.component.type"] == "otlp_http_json_metric_exporter")
        #expect(try #require(index(second)) > #require(index(first)))

        let snapshot = SnapshotFixture.snapshot
        await #expect(throws: OTLPExportError.self) { try await exporters[0].export(snapshot) }
        let failed = first.component("metric_data_point").merging(["error.type": "connection_failed"])
        #expect(first.value("otel.sdk.exporter.metric_data_point.exported", failed) == Double(snapshot.pointCount))
        for exporter in exporters { await exporter.shutdown() }
    }
}
