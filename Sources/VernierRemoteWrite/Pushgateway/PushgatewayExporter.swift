import Synchronization
import Vernier
import VernierConcurrency
import VernierPrometheus
import VernierTransport

/// Pushes collections to a Prometheus Pushgateway, for batch jobs and other processes too short-lived to scrape.
///
/// Each export sends the whole collection in the text format to the group's URL, by PUT (replacing the group)
/// or POST (replacing the metrics of the same names), as `PushgatewayConfiguration` says. Give it to a
/// `PeriodicMetricReader`: the reader's last export at shutdown is the push a batch job needs. `deleteGroup()`
/// removes the group. Failed pushes are retried as remote-write retries (5xx, 429, no connection), any other
/// 4xx is final; each failure is counted in `otel.sdk.exporter.metric_data_point.exported` with its `error.type`
/// (`otel.component.type` `pushgateway_metric_exporter`) and logged at a limited rate.
public final class PushgatewayExporter: MetricExporter {
    /// The settings the exporter was created with.
    public let configuration: PushgatewayConfiguration
    /// The group's URL, `<url>/metrics/job/<job>{/<label>/<value>}`.
    public let groupURL: String
    private let group: Result<String, PushgatewayError>
    private let exposition: PrometheusExposition
    private let transport: HTTPTransport
    private let headers: [(name: String, value: String)]
    private let component = SDKComponent(type: "pushgateway_metric_exporter")
    private let selfMetrics = MutexBox<ExporterSelfMetrics?>(nil)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates an exporter; a grouping key that cannot name a group makes every push fail with
    /// `PushgatewayError.invalidGroupingKey`, reported once here.
    public init(configuration: PushgatewayConfiguration) {
        self.configuration = configuration
        group = Result { () throws(PushgatewayError) in
            try PushgatewayGroup.url(base: configuration.url, job: configuration.job, groupingKey: configuration.groupingKey)
        }
        groupURL = (try? group.get()) ?? configuration.url
        if case .failure(let error) = group { Diagnostics.warn("\(error); nothing will be pushed") }
        exposition = PrometheusExposition(naming: configuration.naming)
        transport = HTTPTransport(configuration: HTTPTransport.Configuration(
            userAgent: "Vernier/\(Resource.sdkVersion)", connectTimeout: configuration.timeout, tls: configuration.tls))
        let own: Set<String> = configuration.authorization == nil ? ["content-type"] : ["content-type", "authorization"]
        headers = [("Content-Type", ExpositionFormat.prometheusText.contentType)]
            + configuration.headers.filter { !own.contains($0.name.lowercased()) }
            + (configuration.authorization.map { [("Authorization", $0.headerValue)] } ?? [])
        SecretRegistry.register(headers: headers)
        if case .basic(_, let password)? = configuration.authorization { SecretRegistry.register(password) }
        SecretRegistry.register(credentialsIn: configuration.url)
    }

    public var temporalityPreference: TemporalityPreference { .cumulative }

    public func attachSelfMetrics(to meter: Meter) {
        do {
            let metrics = try ExporterSelfMetrics(meter: meter, item: "metric_data_point", unit: "{data_point}", component: component)
            selfMetrics.withLock { $0 = metrics }
        } catch {
            Diagnostics.warn("the Pushgateway exporter keeps no self-metrics: \(error)")
        }
    }

    /// Pushes `snapshot` to the group.
    public func export(_ snapshot: MetricsSnapshot) async throws {
        let method: HTTPRequest.Method = configuration.method == .replaceGroup ? .put : .post
        try await send(method, body: exposition.render(snapshot, format: .prometheusText).body, points: snapshot.pointCount)
    }

    /// Removes the group and every metric in it from the Pushgateway.
    public func deleteGroup() async throws(PushgatewayError) {
        try await send(.delete, body: [], points: 0)
    }

    private func send(_ method: HTTPRequest.Method, body: [UInt8], points: Int) async throws(PushgatewayError) {
        let metrics = selfMetrics.withLock { $0 }
        let clock = ContinuousClock()
        let start = clock.now
        metrics?.begin(points)
        do throws(PushgatewayError) {
            guard !isShutDown.load(ordering: .relaxed) else { throw PushgatewayError.shutDown }
            let url = try group.get()
            let response: HTTPResponse
            do {
                response = try await transport.send(
                    HTTPRequest(method: method, url: url, headers: headers, body: body),
                    policy: configuration.retryPolicy, timeout: configuration.timeout)
            } catch {
                throw PushgatewayError.transport(error)
            }
            metrics?.end(points, failed: 0, errorType: nil, status: .httpStatus(response.status), seconds: (clock.now - start).seconds)
        } catch {
            let status: Attribute? = if case .transport(let failure) = error { failure.response.map { .httpStatus($0.status) } } else { nil }
            metrics?.end(points, failed: points, errorType: error.errorType, status: status, seconds: (clock.now - start).seconds)
            Diagnostics.report(.warning, "\(error)", key: "pushgateway/\(groupURL)")
            throw error
        }
    }

    /// Stops pushing and releases the connection; later pushes throw `PushgatewayError.shutDown`.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        await transport.shutdown()
    }
}
