import Vernier
import VernierPrometheus
import VernierTransport

/// Where and how a `RemoteWriteExporter` pushes: the store's URL, credentials, labels, batching, queueing
/// and retries. Every field except `url` has the default Prometheus's own queue manager uses.
public struct RemoteWriteConfiguration: Sendable {
    /// The store's write endpoint, such as `http://localhost:9090/api/v1/write`.
    public var url: String
    /// Credentials for the `Authorization` header, if the store needs them.
    public var authorization: RemoteWriteAuthorization?
    /// Extra request headers, such as `X-Scope-OrgID` for Mimir. They cannot replace the headers the
    /// protocol fixes (`Content-Encoding`, `Content-Type`, `X-Prometheus-Remote-Write-Version`,
    /// `User-Agent`), nor `Authorization` when `authorization` is set; such entries are ignored with a warning.
    public var headers: [(name: String, value: String)]
    /// Labels added to every series that does not have a label of the same name, such as `cluster`.
    public var externalLabels: [(name: String, value: String)]
    /// How OpenTelemetry names become Prometheus names; the same translation as the scrape endpoint.
    public var naming: PrometheusNaming
    /// The most samples in one request.
    public var maxSamplesPerSend: Int
    /// The longest a sample waits for its batch to fill before the batch is sent anyway.
    public var batchSendDeadline: Duration
    /// The most samples each shard holds in memory, waiting or being sent; the oldest go first when full.
    public var capacityPerShard: Int
    /// The fewest shards: batches sent in parallel, each over its own connection. Every series goes to one
    /// shard at a time, so its samples stay in timestamp order.
    public var minimumShardCount: Int
    /// The most shards. Between the two, the exporter adds shards when one connection cannot keep up with
    /// the samples coming in and removes them when it can again, as Prometheus's queue manager does; it
    /// delivers everything queued before the count changes, so every series stays in order. Equal to
    /// `minimumShardCount`, the count is fixed.
    public var maximumShardCount: Int
    /// How often the exporter reconsiders the shard count, from the rates it measured since the last time.
    public var reshardInterval: Duration
    /// A directory for the on-disk queue: each batch is written there before it is sent and removed after
    /// the store accepted it, so batches survive a restart while the store is down. Nil keeps batches in memory.
    public var queueDirectory: String?
    /// The most bytes the on-disk queue holds per shard; the oldest batch goes first when full.
    public var queueDirectoryCapacityBytes: Int
    /// The wait before the first retry of a batch; it doubles per retry up to `maximumBackoff`.
    public var minimumBackoff: Duration
    /// The longest wait between retries, unless the store's `Retry-After` asks for longer.
    public var maximumBackoff: Duration
    /// How long one request may take before it counts as failed and is retried.
    public var requestTimeout: Duration
    /// How long `shutdown()` and `forceFlush()` keep sending what is queued, and how long a change of the
    /// shard count waits for the old shards to deliver theirs before it is given up for this time.
    public var flushTimeout: Duration
    /// Whether each request carries the metadata (type, help, unit) of its metric families.
    public var sendsMetadata: Bool
    /// Whether exponential histograms are pushed as native histograms, as the OpenTelemetry compatibility
    /// specification asks. Prometheus stores them only when started with `--enable-feature=native-histograms`;
    /// otherwise it answers every request carrying one with 500 and keeps none of its samples. Turned off,
    /// exponential histograms are left out and counted as dropped (`exponential_histogram`).
    public var sendsNativeHistograms: Bool
    /// Certificates for HTTPS stores.
    public var tls: TLSConfiguration

    /// Creates a configuration for the store at `url`.
    public init(
        url: String,
        authorization: RemoteWriteAuthorization? = nil,
        headers: [(name: String, value: String)] = [],
        externalLabels: [(name: String, value: String)] = [],
        naming: PrometheusNaming = PrometheusNaming(),
        maxSamplesPerSend: Int = 2000,
        batchSendDeadline: Duration = .seconds(5),
        capacityPerShard: Int = 10_000,
        minimumShardCount: Int = 1,
        maximumShardCount: Int = 50,
        reshardInterval: Duration = .seconds(10),
        queueDirectory: String? = nil,
        queueDirectoryCapacityBytes: Int = 256 * 1024 * 1024,
        minimumBackoff: Duration = .milliseconds(30),
        maximumBackoff: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30),
        flushTimeout: Duration = .seconds(10),
        sendsMetadata: Bool = true,
        sendsNativeHistograms: Bool = true,
        tls: TLSConfiguration = TLSConfiguration()
    ) {
        self.url = url
        self.authorization = authorization
        self.headers = headers
        self.externalLabels = externalLabels
        self.naming = naming
        self.maxSamplesPerSend = max(1, maxSamplesPerSend)
        self.batchSendDeadline = batchSendDeadline
        self.capacityPerShard = max(self.maxSamplesPerSend, capacityPerShard)
        self.minimumShardCount = max(1, minimumShardCount)
        self.maximumShardCount = max(self.minimumShardCount, maximumShardCount)
        self.reshardInterval = max(.milliseconds(10), reshardInterval)
        self.queueDirectory = queueDirectory
        self.queueDirectoryCapacityBytes = max(1, queueDirectoryCapacityBytes)
        self.minimumBackoff = minimumBackoff
        self.maximumBackoff = max(minimumBackoff, maximumBackoff)
        self.requestTimeout = requestTimeout
        self.flushTimeout = flushTimeout
        self.sendsMetadata = sendsMetadata
        self.sendsNativeHistograms = sendsNativeHistograms
        self.tls = tls
    }

    /// Puts every credential this configuration sends into `SecretRegistry`: the header values, the
    /// `Authorization` value with its token or password, and the URL's `user:password@`.
    func registerSecrets() {
        SecretRegistry.register(headers: headers + (authorization.map { [("Authorization", $0.headerValue)] } ?? []))
        if case .basic(_, let password)? = authorization { SecretRegistry.register(password) }
        SecretRegistry.register(credentialsIn: url)
    }

    /// The retries the remote-write specification asks for: 5xx and 429 and failed connections, with
    /// exponential backoff from `minimumBackoff` to `maximumBackoff`, honouring `Retry-After`.
    var retryPolicy: RetryPolicy {
        .prometheusPush(minimumBackoff: minimumBackoff, maximumBackoff: maximumBackoff)
    }
}

extension RetryPolicy {
    /// The retries of a push to Prometheus, remote-write's and the Pushgateway's: 5xx, 429 and failed connections,
    /// with exponential backoff from `minimumBackoff` to `maximumBackoff`, honouring `Retry-After`; any other 4xx is final.
    static func prometheusPush(minimumBackoff: Duration, maximumBackoff: Duration) -> RetryPolicy {
        RetryPolicy(
            retryableStatuses: Set(500..<600).union([429]), retriesConnectionFailures: true,
            initialBackoff: minimumBackoff, maximumBackoff: maximumBackoff, honoursRetryAfter: true)
    }
}
