import Synchronization
import Vernier

/// Answers scrapes of a metrics path, independent of any HTTP server: a request in, a response out.
///
/// It negotiates the format from `Accept`, compresses when `Accept-Encoding` allows gzip, shares one
/// collection among concurrent scrapes, and answers 503 when the collection outlasts the scraper's
/// `X-Prometheus-Scrape-Timeout-Seconds` (or `defaultTimeout`). Other paths get 404, other methods 405.
///
/// A handler created for a pull reader reports its scrapes on the reader's provider: collection and scrape
/// durations, scrapes by format and status, and the bytes sent (see `ScrapeSelfMetrics`), with
/// `otel.component.type` `prometheus_http_text_metric_exporter`.
public final class ScrapeHandler: Sendable {
    /// The path served, such as `/metrics`.
    public let path: String
    /// How snapshots are rendered.
    public let exposition: PrometheusExposition
    /// How long a scrape waits for its collection when the scraper states no timeout.
    public let defaultTimeout: Duration

    private let collection: SharedCollection
    private let metrics: ScrapeSelfMetrics
    private let droppedMetrics = Atomic<Int>(0)

    /// Creates a handler that calls `collect` for each scrape (or joins the one in progress).
    public convenience init(
        path: String = "/metrics",
        exposition: PrometheusExposition = PrometheusExposition(),
        defaultTimeout: Duration = .seconds(10),
        collect: @escaping @Sendable () -> MetricsSnapshot
    ) {
        self.init(path: path, exposition: exposition, defaultTimeout: defaultTimeout, selfMetricsMeter: { nil }, collect: collect)
    }

    private init(
        path: String, exposition: PrometheusExposition, defaultTimeout: Duration,
        selfMetricsMeter: @escaping @Sendable () -> Meter?, collect: @escaping @Sendable () -> MetricsSnapshot
    ) {
        self.path = path
        self.exposition = exposition
        self.defaultTimeout = defaultTimeout
        let metrics = ScrapeSelfMetrics(meter: selfMetricsMeter)
        self.metrics = metrics
        self.collection = SharedCollection { metrics.collect(collect) }
    }

    /// Creates a handler that scrapes a pull reader given to a `MeterProvider`.
    public convenience init(
        reader: PullMetricReader,
        path: String = "/metrics",
        exposition: PrometheusExposition = PrometheusExposition(),
        defaultTimeout: Duration = .seconds(10)
    ) {
        self.init(path: path, exposition: exposition, defaultTimeout: defaultTimeout,
                  selfMetricsMeter: { reader.selfMetricsMeter }, collect: { reader.collect() })
    }

    /// How many metrics scrapes have left out so far (exponential histograms, name conflicts, delta points).
    public var droppedMetricCount: Int { droppedMetrics.load(ordering: .relaxed) }

    /// Whether a request target names this handler's path, ignoring any query string.
    public func serves(path target: String) -> Bool {
        let pathOnly = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return pathOnly == path
    }

    /// Answers one request.
    public func handle(_ request: ScrapeRequest) async -> ScrapeResponse {
        guard serves(path: request.path) else { return .text(404, "not found") }
        let isHead = request.method == "HEAD"
        guard request.method == "GET" || isHead else {
            return .text(405, "method not allowed", extraHeaders: [("Allow", "GET, HEAD")])
        }
        let clock = ContinuousClock()
        let start = clock.now
        let format = ContentNegotiation.format(accept: request.header("Accept"))
        let timeout = Self.timeout(header: request.header("X-Prometheus-Scrape-Timeout-Seconds")) ?? defaultTimeout
        guard let snapshot = await collection.snapshot(timeout: timeout) else {
            let response = ScrapeResponse.text(503, "metrics collection did not finish within the scrape timeout")
            metrics.recordScrape(response, format: format, errorType: "timeout", seconds: (clock.now - start) / .seconds(1))
            return response
        }
        let rendering = exposition.render(snapshot, format: format)
        if !rendering.drops.isEmpty {
            droppedMetrics.add(rendering.drops.count, ordering: .relaxed)
        }
        var headers: [(name: String, value: String)] = [("Content-Type", format.contentType)]
        var body = rendering.body
        if ContentNegotiation.acceptsGzip(acceptEncoding: request.header("Accept-Encoding")),
           let compressed = try? GzipEncoder.encode(body) {
            body = compressed
            headers.append(("Content-Encoding", "gzip"))
        }
        headers.append(("Vary", "Accept, Accept-Encoding"))
        headers.append(("Content-Length", String(body.count)))
        let response = ScrapeResponse(status: 200, headers: headers, body: isHead ? [] : body)
        metrics.recordScrape(response, format: format, errorType: nil, seconds: (clock.now - start) / .seconds(1))
        return response
    }

    /// The answer to a scrape refused because too many are in progress, counted among the scrapes with
    /// `error.type` `concurrency_limit`: for servers that cap concurrent scrapes.
    package func refuseAsTooManyScrapes(_ request: ScrapeRequest) -> ScrapeResponse {
        let response = ScrapeResponse.text(503, "too many concurrent scrapes", extraHeaders: [("Retry-After", "1")])
        metrics.recordScrape(response, format: ContentNegotiation.format(accept: request.header("Accept")),
                             errorType: "concurrency_limit", seconds: 0)
        return response
    }

    /// The scraper's timeout, less a tenth so that the answer arrives before the scraper gives up.
    package static func timeout(header: String?) -> Duration? {
        guard let header, let seconds = Double(header.trimmed(of: " \t")), seconds.isFinite, seconds > 0 else { return nil }
        return .milliseconds(Int64(seconds * 900))
    }
}
