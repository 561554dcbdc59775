/// Limits and timings of a `MetricsServer`; the defaults suit a Prometheus scraping every few seconds.
public struct MetricsServerConfiguration: Sendable {
    /// How long a kept-alive connection may stay silent before the server closes it.
    public var idleTimeout: Duration
    /// The most bytes of header names and values a request may carry; larger requests get 431.
    public var maxHeaderBytes: Int
    /// The most scrapes served at once; more get 503 with `Retry-After`.
    public var maxConcurrentScrapes: Int
    /// How long a graceful shutdown waits for requests in flight before closing their connections.
    public var shutdownGracePeriod: Duration

    /// Creates a configuration.
    public init(
        idleTimeout: Duration = .seconds(60),
        maxHeaderBytes: Int = 16 * 1024,
        maxConcurrentScrapes: Int = 8,
        shutdownGracePeriod: Duration = .seconds(5)
    ) {
        self.idleTimeout = idleTimeout
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConcurrentScrapes = maxConcurrentScrapes
        self.shutdownGracePeriod = shutdownGracePeriod
    }
}
