import Testing
import Vernier
import VernierOTLP
import VernierTesting
import VernierTracing

/// The self-metrics both exporters keep, checked against a collector that is not there.
@Suite struct OTLPExporterSelfMetricsTests {
    /// A provider that reads what one exporter counted on its meter.
    private struct Reading {
        let metrics = TestMetrics(resource: Resource(attributes: .empty))

        /// The `otel.component.*` attributes of the one exporter counting here, from its in-flight series.
        func component(_ item: String) throws -> Attributes {
            try #require(metrics.collect().series("otel.sdk.exporter.\(item).inflight").first)
        }
    }

    private static func nowhere(_ exportProtocol: OTLPExporterConfiguration.ExportProtocol = .httpProtobuf) -> OTLPExporterConfiguration {
        OTLPExporterConfiguration(endpoint: "http://127.0.0.1:1", timeout: .seconds(2), exportProtocol: exportProtocol, retryPolicy: .none)
    }

    @Test func aFailedSpanExportIsCountedWithItsErrorTypeAndNothingStaysInFlight() async throws {
        let reading = Reading()
        let exporter = OTLPSpanExporter(configuration: Self.nowhere())
        exporter.attachSelfMetrics(to: reading.metrics.meter("vernier"))
        let processor = InMemorySpanProcessor()
        let tracer = VernierTracer(sampler: AlwaysOnSampler(), processors: [processor])
        for _ in 0..<3 { tracer.startSpan("s", context: .topLevel).end() }

        await #expect(throws: OTLPExportError.self) { try await exporter.export(processor.spans) }
        await exporter.shutdown()

        let component = try reading.component("span")
        #expect(component["otel.component.type"] == "otlp_http_span_exporter")
        #expect(component["otel.component.name"]?.description.hasPrefix("otlp_http_span_exporter/") == true)
        #expect(try reading.metrics.collect().upDownCounterValue("otel.sdk.exporter.span.inflight", attributes: component) == 0)
        #expect(try reading.metrics.collect().counterValue("otel.sdk.exporter.span.exported", attributes: component) == 0)
        let failed = component.merging(["error.type": "connection_failed"])
        #expect(try reading.metrics.collect().counterValue("otel.sdk.exporter.span.exported", attributes: failed) == 3)
        #expect(try reading.metrics.collect().histogram("otel.sdk.exporter.operation.duration", attributes: failed).count == 1)
        await #expect(throws: OTLPExportError.shutDown) { try await exporter.export(processor.spans) }
        #expect(try reading.metrics.collect().counterValue("otel.sdk.exporter.span.exported", attributes: component.merging(["error.type": "shutdown"])) == 3)
    }

    @Test func aJSONMetricExporterCountsDataPointsUnderItsOwnTypeAndTheNextIndex() async throws {
        let (first, second) = (Reading(), Reading())
        let exporters = [OTLPMetricExporter(configuration: Self.nowhere(.httpJSON)), OTLPMetricExporter(configuration: Self.nowhere(.httpJSON))]
        exporters[0].attachSelfMetrics(to: first.metrics.meter("vernier"))
        exporters[1].attachSelfMetrics(to: second.metrics.meter("vernier"))
        let index = { (reading: Reading) throws in Int(try reading.component("metric_data_point")["otel.component.name"]?.description.split(separator: "/").last ?? "") }
        #expect(try first.component("metric_data_point")["otel.component.type"] == "otlp_http_json_metric_exporter")
        let (firstIndex, secondIndex) = (try index(first), try index(second))
        #expect(try #require(secondIndex) > #require(firstIndex))

        let snapshot = SnapshotFixture.snapshot
        await #expect(throws: OTLPExportError.self) { try await exporters[0].export(snapshot) }
        let failed = try first.component("metric_data_point").merging(["error.type": "connection_failed"])
        #expect(try first.metrics.collect().counterValue("otel.sdk.exporter.metric_data_point.exported", attributes: failed) == Double(snapshot.pointCount))
        for exporter in exporters { await exporter.shutdown() }
    }
}
