import VernierHTTPNIO

/// Limits and timings of a `MetricsServer`; the defaults suit a Prometheus scraping every few seconds.
public struct MetricsServerConfiguration: Sendable {
    /// What clients may hold: by default at most 64 connections, 10 s to send a request head, 60 s idle between
    /// requests, and bodies of at most 4 KiB (scrapes have none).
    public var connections: HTTPConnectionLimits
    /// The most bytes of header names and values a request may carry; larger requests get 431.
    public var maxHeaderBytes: Int
    /// The most scrapes served at once; more get 503 with `Retry-After`.
    public var maxConcurrentScrapes: Int
    /// How long a graceful shutdown waits for requests in flight before closing their connections.
    public var shutdownGracePeriod: Duration

    /// Creates a configuration.
    public init(
        connections: HTTPConnectionLimits = HTTPConnectionLimits(maxConnections: 64, maxRequestBodyBytes: 4096),
        maxHeaderBytes: Int = 16 * 1024,
        maxConcurrentScrapes: Int = 8,
        shutdownGracePeriod: Duration = .seconds(5)
    ) {
        self.connections = connections
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConcurrentScrapes = maxConcurrentScrapes
        self.shutdownGracePeriod = shutdownGracePeriod
    }
}
