import Foundation
import Testing
import Vernier
import VernierRemoteWrite
import VernierTesting

/// Pushes into Debian's Prometheus Pushgateway, which a real Prometheus scrapes with `honor_labels: true`, and
/// reads the groups back through both.
@Suite(
    "Pushgateway pushes into a real Pushgateway", .serialized,
    .enabled(if: Peers.pushgateway != nil && Peers.prometheus != nil, "prometheus-pushgateway or prometheus is not installed (make test installs them)")
)
struct PushgatewayTests {
    /// A batch job's metrics: 7 reports done, two durations, the time of the last success.
    private static func jobMetrics(extra counterName: String? = nil) throws -> MetricsSnapshot {
        let metrics = TestMetrics(resource: Resource(serviceName: "nightly-report"))
        let meter = metrics.meter("nightly-report")
        try meter.counter("reports.done", unit: "{report}").add(7, attributes: ["outcome": "ok"])
        let duration = try meter.histogram("report.duration", unit: "s", boundaries: [1, 5, 10])
        duration.record(0.5)
        duration.record(3)
        try meter.gauge("report.last_success", unit: "s").record(1_700_000_000)
        if let counterName { try meter.counter(counterName).add(1) }
        return metrics.collect()
    }

    private static func exporter(
        _ gateway: PushgatewayPeer, groupingKey: [(name: String, value: String)] = [("instance", "host/1")],
        method: PushgatewayConfiguration.Method = .replaceGroup, authorization: RemoteWriteAuthorization? = nil
    ) -> (PushgatewayExporter, TestMetrics) {
        let exporter = PushgatewayExporter(configuration: PushgatewayConfiguration(
            url: gateway.baseURL, job: "nightly-report", groupingKey: groupingKey, method: method, authorization: authorization))
        let selfMetrics = TestMetrics(resource: Resource(attributes: .empty))
        exporter.attachSelfMetrics(to: selfMetrics.meter("vernier.test"))
        return (exporter, selfMetrics)
    }

    @Test func aPushedGroupIsWhatPrometheusScrapesWithItsPushTime() async throws {
        let gateway = try await PushgatewayPeer.start()
        defer { gateway.stop() }
        let prometheus = try await PrometheusPeer.start(scraping: [gateway.address], job: "pushgateway", honorLabels: true)
        defer { prometheus.stop() }
        // A slash and an empty value take the base64 form of the group's path.
        let (exporter, selfMetrics) = Self.exporter(gateway, groupingKey: [("instance", "host/1"), ("shard", "")])
        let before = Date().timeIntervalSince1970
        try await exporter.export(try Self.jobMetrics())
        let after = Date().timeIntervalSince1970
        await exporter.shutdown()

        let group = #"job="nightly-report",instance="host/1""#
        let done = await prometheus.eventually { await prometheus.instantValue(#"reports_done_total{\#(group),outcome="ok"}"#) }
        #expect(done == 7)
        #expect(await prometheus.instantValue("report_duration_seconds_count{\(group)}") == 2)
        #expect(await prometheus.instantValue("report_duration_seconds_sum{\(group)}") == 3.5)
        #expect(await prometheus.instantValue(#"report_duration_seconds_bucket{\#(group),le="1"}"#) == 1)
        #expect(await prometheus.instantValue(#"report_duration_seconds_bucket{\#(group),le="5"}"#) == 2)
        #expect(await prometheus.instantValue("report_last_success_seconds{\(group)}") == 1_700_000_000)
        let pushTime = try #require(await prometheus.instantValue("push_time_seconds{\(group)}"))
        #expect(pushTime >= before.rounded(.down) - 1 && pushTime <= after + 1, "pushed at \(pushTime), between \(before) and \(after)")
        #expect(await gateway.groups().map(\.labels) == [["job": "nightly-report", "instance": "host/1", "shard": ""]])
        #expect(try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") {
            $0["error.type"] == nil && $0["otel.component.type"] == "pushgateway_metric_exporter"
        } > 0)
    }

    @Test func putReplacesTheGroupPostReplacesTheSameNamesAndDeleteRemovesIt() async throws {
        let gateway = try await PushgatewayPeer.start()
        defer { gateway.stop() }
        let (put, _) = Self.exporter(gateway)
        let (post, _) = Self.exporter(gateway, method: .replaceSameNames)
        func metricNames() async -> Set<String> { await gateway.groups().first?.metrics ?? [] }

        try await put.export(try Self.jobMetrics(extra: "retries"))
        #expect(await metricNames().isSuperset(of: ["reports_done_total", "retries_total"]))
        try await post.export(try TestMetrics.single(counter: "pages"))
        #expect(await metricNames().isSuperset(of: ["reports_done_total", "retries_total", "pages_total"]))
        try await put.export(try TestMetrics.single(counter: "pages"))
        let afterPut = await metricNames()
        #expect(afterPut.contains("pages_total") && !afterPut.contains("reports_done_total") && !afterPut.contains("retries_total"))
        try await put.deleteGroup()
        #expect(await gateway.groups().isEmpty)
    }

    @Test func aRefusedPushIsFinalAndCountedAndCredentialsAreSent() async throws {
        let gateway = try await PushgatewayPeer.start(requiresPassword: true)
        defer { gateway.stop() }
        let snapshot = try Self.jobMetrics()
        let (anonymous, selfMetrics) = Self.exporter(gateway)
        do {
            try await anonymous.export(snapshot)
            Issue.record("a push without credentials succeeded")
        } catch let error as PushgatewayError {
            guard case .transport(let failure) = error else { Issue.record("unexpected \(error)"); return }
            #expect(failure.kind == .httpStatus(401) && failure.attempts == 1, "4xx is not retried: \(failure)")
        }
        #expect(try selfMetrics.collect().counterTotal("otel.sdk.exporter.metric_data_point.exported") {
            $0["error.type"] == "401" && $0["otel.component.type"] == "pushgateway_metric_exporter"
        } == Double(snapshot.pointCount))

        let (authorized, _) = Self.exporter(gateway, authorization: .basic(username: PushgatewayPeer.user, password: PushgatewayPeer.password))
        try await authorized.export(snapshot)
    }

    @Test func aGroupingKeyThatCannotNameAGroupIsATypedErrorAndSendsNothing() async throws {
        let gateway = try await PushgatewayPeer.start()
        defer { gateway.stop() }
        let (exporter, _) = Self.exporter(gateway, groupingKey: [("not a label", "x")])
        await #expect(throws: PushgatewayError.self) { try await exporter.export(try Self.jobMetrics()) }
        #expect(await gateway.groups().isEmpty)
    }
}

extension TestMetrics {
    /// A snapshot with one counter named `counter`, of the same resource as the job's.
    static func single(counter: String) throws -> MetricsSnapshot {
        let metrics = TestMetrics(resource: Resource(serviceName: "nightly-report"))
        try metrics.meter("nightly-report").counter(counter).add(1)
        return metrics.collect()
    }
}
