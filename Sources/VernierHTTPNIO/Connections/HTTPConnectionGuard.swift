import NIOCore
import NIOHTTP1
import Vernier

/// Protects an HTTP/1.1 server built on SwiftNIO from clients that hold resources: it caps open connections
/// (closing the oldest idle one first), closes a request head that takes too long, refuses large bodies, closes
/// after a malformed request, and when the process runs out of file descriptors pauses accepting and closes the
/// oldest idle connections instead of spinning on `accept`.
///
/// One guard serves one listening socket:
///
/// ```swift
/// let connectionGuard = HTTPConnectionGuard(serverName: "api", meter: meter)
/// let channel = try await ServerBootstrap(group: group)
///     .serverChannelInitializer { connectionGuard.configureServerChannel($0) }
///     .childChannelInitializer { channel in
///         channel.eventLoop.makeCompletedFuture {
///             guard try connectionGuard.configureConnection(channel) else { return }
///             try channel.pipeline.syncOperations.addHandler(MyHandler())
///         }
///     }
///     .bind(host: "127.0.0.1", port: 8080).get()
/// ```
///
/// With a meter it counts what it closes in `vernier.http.server.connections.closed` (by `reason`) and the
/// failed accepts in `vernier.http.server.accept.failures` (by `error.type`), both attributed with the server's
/// name as `otel.component.name`.
public final class HTTPConnectionGuard: Sendable {
    /// The share of idle connections closed each time the process runs out of file descriptors.
    static let shortageReliefFraction = 0.25

    /// The limits enforced.
    public let limits: HTTPConnectionLimits
    /// The server's name in log lines and metrics, such as `metrics` or `api`.
    public let serverName: String

    private let connections: OpenConnections
    private let metrics: ConnectionGuardMetrics?

    /// Creates a guard; `meter`, when given, receives its counters.
    public init(serverName: String, limits: HTTPConnectionLimits = HTTPConnectionLimits(), meter: Meter? = nil) {
        self.serverName = serverName
        self.limits = limits
        connections = OpenConnections(limit: limits.maxConnections)
        do {
            metrics = try meter.map { try ConnectionGuardMetrics(meter: $0, serverName: serverName) }
        } catch {
            Diagnostics.warn("\(serverName) HTTP server: its connection metrics are not recorded: \(error)")
            metrics = nil
        }
    }

    /// The connections open now, for example to ask each to finish at shutdown.
    public var openChannels: [any Channel] { connections.channels }

    /// How many connections are open now.
    public var openConnectionCount: Int { connections.count }

    /// Adds the accept back-off to a listening channel; call it from `ServerBootstrap.serverChannelInitializer`.
    public func configureServerChannel(_ channel: any Channel) -> EventLoopFuture<Void> {
        let backoff = TimeAmount(limits.acceptBackoff)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandlers(
                AcceptFailureHandler { [self] errorType in relieveShortage(errorType) },
                AcceptBackoffHandler(shouldForwardIOErrorCaught: false) { _ in backoff })
        }
    }

    /// Sets up a new connection: counts it against the limit, adds the idle timeout and NIO's HTTP/1.1 server
    /// handlers (pipelining and protocol errors handled) with the guard's handlers among them. Add the
    /// application's handlers after it when it returns true; false means the connection was over the limit and
    /// is being closed. Call it on the channel's event loop, from `childChannelInitializer`.
    @discardableResult
    public func configureConnection(_ channel: any Channel) throws -> Bool {
        guard case .admitted(let id, let evicted) = connections.admit(channel) else {
            recordClosed(.connectionLimit)
            Diagnostics.report(.warning, "\(serverName) HTTP server: \(limits.maxConnections) connections open (the limit), all busy; refusing new ones", key: "http-server.limit." + serverName)
            channel.close(promise: nil)
            return false
        }
        if evicted != nil {
            recordClosed(.connectionLimit)
            Diagnostics.report(.warning, "\(serverName) HTTP server: \(limits.maxConnections) connections open (the limit); closing the oldest idle ones for new ones", key: "http-server.limit." + serverName)
        }
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(IdleStateHandler(allTimeout: TimeAmount(limits.idleTimeout)))
        try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
        let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
        try pipeline.addHandler(
            RequestHeadDeadlineHandler(timeout: TimeAmount(limits.requestHeadTimeout)) { [self] in recordClosed(.requestHeadTimeout) },
            position: .after(decoder))
        try pipeline.addHandler(ConnectionGuardHandler(
            id: id, connections: connections, maxBodyBytes: limits.maxRequestBodyBytes) { [self] in recordClosed($0) })
        return true
    }

    private func relieveShortage(_ errorType: String) {
        let closed = connections.closeOldestIdle(fraction: Self.shortageReliefFraction)
        metrics?.recordAcceptFailure(errorType: errorType)
        recordClosed(.descriptorShortage, count: closed)
        Diagnostics.report(
            .error,
            "\(serverName) HTTP server: accepting a connection failed with \(errorType) (out of file descriptors or memory); "
                + "pausing accepts for \(limits.acceptBackoff) and closing \(closed) idle connections",
            key: "http-server.accept." + serverName)
    }

    private func recordClosed(_ reason: ConnectionCloseReason, count: Int = 1) {
        if count > 0 { metrics?.recordClosed(reason, count: count) }
    }
}
