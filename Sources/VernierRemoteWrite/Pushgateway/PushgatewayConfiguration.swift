import VernierPrometheus
import VernierTransport

/// Where and how a `PushgatewayExporter` pushes: the Pushgateway's URL, the group's grouping key, the push
/// method, credentials and retries.
///
/// A group is what the Pushgateway keeps per grouping key (`job` and further labels) and what Prometheus scrapes
/// from it, with the group's `push_time_seconds`. Scrape the Pushgateway with `honor_labels: true` so that the
/// pushed `job` and labels stay those of the series.
public struct PushgatewayConfiguration: Sendable {
    /// How a push treats what the group already holds.
    public enum Method: Sendable, Equatable {
        /// PUT: the push replaces every metric of the group.
        case replaceGroup
        /// POST: the push replaces the group's metrics of the same names and keeps the others.
        case replaceSameNames
    }

    /// The Pushgateway's base URL, such as `http://localhost:9091`.
    public var url: String
    /// The group's `job`, such as the batch job's name.
    public var job: String
    /// The group's further labels in order, such as `instance`; values may hold any text.
    public var groupingKey: [(name: String, value: String)]
    /// PUT or POST; `.replaceGroup` by default, as a batch job that pushes its final state needs.
    public var method: Method
    /// Credentials for the `Authorization` header, if the Pushgateway sits behind authentication.
    public var authorization: RemoteWriteAuthorization?
    /// Extra request headers; `Content-Type` and `Authorization` (when `authorization` is set) are the exporter's own.
    public var headers: [(name: String, value: String)]
    /// How OpenTelemetry names become Prometheus names; the same translation as the scrape endpoint.
    public var naming: PrometheusNaming
    /// How often a service pushes while it runs; nil pushes once, at shutdown, as a batch job does.
    public var pushInterval: Duration?
    /// How long one push may take, retries included.
    public var timeout: Duration
    /// The wait before the first retry of a 5xx, 429 or failed connection; it doubles up to `maximumBackoff`.
    public var minimumBackoff: Duration
    /// The longest wait between retries, unless the Pushgateway's `Retry-After` asks for longer.
    public var maximumBackoff: Duration
    /// Certificates for an HTTPS Pushgateway.
    public var tls: TLSConfiguration

    /// Creates a configuration that pushes the group `job` to the Pushgateway at `url`.
    public init(
        url: String,
        job: String,
        groupingKey: [(name: String, value: String)] = [],
        method: Method = .replaceGroup,
        authorization: RemoteWriteAuthorization? = nil,
        headers: [(name: String, value: String)] = [],
        naming: PrometheusNaming = PrometheusNaming(),
        pushInterval: Duration? = nil,
        timeout: Duration = .seconds(10),
        minimumBackoff: Duration = .milliseconds(100),
        maximumBackoff: Duration = .seconds(2),
        tls: TLSConfiguration = TLSConfiguration()
    ) {
        self.url = url
        self.job = job
        self.groupingKey = groupingKey
        self.method = method
        self.authorization = authorization
        self.headers = headers
        self.naming = naming
        self.pushInterval = pushInterval
        self.timeout = timeout
        self.minimumBackoff = minimumBackoff
        self.maximumBackoff = max(minimumBackoff, maximumBackoff)
        self.tls = tls
    }

    /// The retries remote-write makes: 5xx, 429 and failed connections with backoff; any other 4xx is final.
    var retryPolicy: RetryPolicy {
        .prometheusPush(minimumBackoff: minimumBackoff, maximumBackoff: maximumBackoff)
    }
}
