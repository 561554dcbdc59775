/// How much an HTTP/1.1 server guarded by `HTTPConnectionGuard` lets its clients hold: connections, time to send
/// a request head, idle time and body size.
///
/// The defaults suit a service's own API on a machine with the usual limit of 1024 file descriptors; the
/// Prometheus endpoint uses tighter ones (see `MetricsServerConfiguration`).
public struct HTTPConnectionLimits: Sendable, Equatable {
    /// The most connections open at once (512 by default). A connection beyond it closes the oldest idle one, or
    /// is itself closed when every open connection is serving a request. Keep the sum over a process's servers
    /// well below its descriptor limit (`ulimit -n`).
    public var maxConnections: Int
    /// How long a client may take to send a whole request head once its first byte arrived (10 s by default).
    /// Unlike the idle timeout, bytes trickling in do not extend it, so a slow-head client cannot hold a
    /// connection open.
    public var requestHeadTimeout: Duration
    /// How long a kept-alive connection may stay silent between requests before it is closed (60 s by default).
    public var idleTimeout: Duration
    /// The largest request body accepted (1 MiB by default); a request announcing or sending more is answered
    /// 413 and its connection closed without reading the rest.
    public var maxRequestBodyBytes: Int
    /// How long accepting pauses after the process ran out of file descriptors (250 ms by default), while the
    /// oldest idle connections are closed to give descriptors back.
    public var acceptBackoff: Duration

    /// Creates limits.
    public init(
        maxConnections: Int = 512,
        requestHeadTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        maxRequestBodyBytes: Int = 1 << 20,
        acceptBackoff: Duration = .milliseconds(250)
    ) {
        self.maxConnections = max(1, maxConnections)
        self.requestHeadTimeout = requestHeadTimeout
        self.idleTimeout = idleTimeout
        self.maxRequestBodyBytes = max(0, maxRequestBodyBytes)
        self.acceptBackoff = acceptBackoff
    }
}
