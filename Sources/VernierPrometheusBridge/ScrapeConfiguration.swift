import VernierTransport

/// How a `PrometheusScraper` scrapes.
public struct ScrapeConfiguration: Sendable {
    /// How often every target is scraped; 15 s by default, as in Prometheus.
    public var interval: Duration
    /// How long one scrape may take, sent as `X-Prometheus-Scrape-Timeout-Seconds`; 10 s by default, never
    /// more than `interval`, so scrapes never pile up.
    public var timeout: Duration
    /// The largest body read; a longer one is cut off and the scrape fails. 50 MB by default.
    public var maximumBodySize: Int
    /// Certificates for `https://` targets.
    public var tls: TLSConfiguration

    /// Creates a configuration.
    public init(interval: Duration = .seconds(15), timeout: Duration = .seconds(10), maximumBodySize: Int = 50 << 20, tls: TLSConfiguration = TLSConfiguration()) {
        self.interval = interval
        self.timeout = min(timeout, interval)
        self.maximumBodySize = maximumBodySize
        self.tls = tls
    }
}
