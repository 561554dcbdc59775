import Testing
import Vernier
import VernierPrometheus
import VernierTesting

@Suite("Produced metrics in the scrape formats")
struct ProducedMetricsExpositionTests {
    /// A producer of one summary, one ended series and one metric of another resource.
    struct FixedProducer: MetricProducer {
        func produce(resource: Resource) throws -> [ResourceMetrics] {
            let time = Timestamp(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
            let summary = Metric(name: "rpc_duration_seconds", description: "RPC time", unit: "s", data: .summary(.init(points: [
                SummaryPoint(attributes: ["method": "get"], startTime: time, time: time, count: 4, sum: 2,
                             quantiles: [.init(quantile: 0.5, value: 0.25), .init(quantile: 0.99, value: 1)]),
            ])))
            let ended = Metric(name: "queue_depth", description: "", unit: "", data: .gauge(.init(points: [
                NumberPoint(attributes: ["queue": "gone"], startTime: time, time: time, value: .double(3), flags: .noRecordedValue),
                NumberPoint(attributes: ["queue": "kept"], startTime: time, time: time, value: .double(5)),
            ])))
            let scope = ScopeMetrics(scope: InstrumentationScope(name: "bridge"), metrics: [summary, ended])
            let other = ResourceMetrics(resource: Resource(attributes: ["service.name": "sidecar", "service.instance.id": "host:9100"]), scopes: [
                ScopeMetrics(scope: InstrumentationScope(name: "bridge"), metrics: [
                    Metric(name: "up", description: "", unit: "", data: .gauge(.init(points: [
                        NumberPoint(attributes: .empty, startTime: time, time: time, value: .double(1)),
                    ]))),
                ]),
            ])
            return [ResourceMetrics(resource: resource, scopes: [scope]), other]
        }
    }

    @Test("a reader merges its producers: summaries, no ended series, other resources labelled with job and instance")
    func producedMetricsInTheTextFormat() throws {
        let reader = PullMetricReader(producers: [FixedProducer()])
        _ = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
        let snapshot = reader.collect()
        #expect(snapshot.resourceMetrics.map { $0.resource.attributes["service.name"] } == ["shop", "sidecar"])
        let text = String(decoding: PrometheusExposition().render(snapshot, format: .prometheusText).body, as: UTF8.self)
        #expect(text.contains("# TYPE rpc_duration_seconds summary\n"))
        #expect(text.contains("rpc_duration_seconds{otel_scope_name=\"bridge\",method=\"get\",quantile=\"0.5\"} 0.25\n")
            || text.contains("rpc_duration_seconds{method=\"get\",otel_scope_name=\"bridge\",quantile=\"0.5\"} 0.25\n"))
        #expect(text.contains("rpc_duration_seconds_count{"))
        #expect(text.contains("queue=\"kept\""))
        #expect(!text.contains("queue=\"gone\""))
        #expect(text.contains("instance=\"host:9100\"") && text.contains("job=\"sidecar\""))
    }
}
