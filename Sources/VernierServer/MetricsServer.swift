import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Vernier
import VernierConcurrency
import VernierHTTPNIO
import VernierPrometheus

/// A small HTTP/1.1 server for Prometheus: `GET`/`HEAD /metrics` (through a `ScrapeHandler`) and
/// `/healthz`, with keep-alive and an `HTTPConnectionGuard` (connection cap, request-head deadline, idle
/// timeout, body limit, accept back-off when descriptors run out), header-size and concurrent-scrape limits.
///
/// Run it as a ServiceLifecycle `Service`: `run()` serves until graceful shutdown or cancellation, then stops
/// accepting, lets requests in flight finish (up to the grace period) and closes every connection.
/// Tests bind `127.0.0.1` on port 0 and read the port `start()` returns.
public final class MetricsServer: Service, Sendable {
    /// The address the server binds: `localhost` unless given another, such as `0.0.0.0` to accept scrapes from
    /// other machines.
    public let host: String
    /// The port asked for; 0 picks a free one.
    public let requestedPort: Int
    /// Limits and timings.
    public let configuration: MetricsServerConfiguration
    /// What answers the scrapes.
    public let scrapeHandler: ScrapeHandler

    private enum State {
        case idle
        case running(any Channel)
        case stopped
    }

    private let group: any EventLoopGroup
    private let state = MutexBox(State.idle)
    private let connections: HTTPConnectionGuard
    private let scrapeLimit: ConcurrencyLimit
    private let stopped = CompletionSignal()

    /// Creates a server answering scrapes with `scrapeHandler`; nothing is bound until `start()` or `run()`.
    public init(
        host: String = "localhost",
        port: Int = 9464,
        scrapeHandler: ScrapeHandler,
        configuration: MetricsServerConfiguration = MetricsServerConfiguration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        meter: Meter? = nil
    ) {
        self.host = host
        self.requestedPort = port
        self.scrapeHandler = scrapeHandler
        self.configuration = configuration
        self.group = eventLoopGroup
        self.scrapeLimit = ConcurrencyLimit(limit: configuration.maxConcurrentScrapes)
        self.connections = HTTPConnectionGuard(serverName: "metrics", limits: configuration.connections, meter: meter)
    }

    /// Creates a server exposing what a pull reader collects at `/metrics`; `meter`, when given, receives the
    /// server's connection metrics.
    public convenience init(
        host: String = "localhost",
        port: Int = 9464,
        reader: PullMetricReader,
        exposition: PrometheusExposition = PrometheusExposition(),
        configuration: MetricsServerConfiguration = MetricsServerConfiguration(),
        meter: Meter? = nil
    ) {
        self.init(host: host, port: port, scrapeHandler: ScrapeHandler(reader: reader, exposition: exposition),
                  configuration: configuration, meter: meter)
    }

    /// The port the server listens on, once started.
    public var localPort: Int? {
        state.withLock { state in
            guard case .running(let channel) = state else { return nil }
            return channel.localAddress?.port
        }
    }

    /// Binds and starts accepting connections; returns the bound port. Calling it again returns the same port.
    @discardableResult
    public func start() async throws -> Int {
        if let port = localPort { return port }
        let channel: any Channel
        do {
            channel = try await bootstrap().bind(host: host, port: requestedPort).get()
        } catch {
            throw MetricsServerError.cannotListen(host: host, port: requestedPort, reason: "\(error)")
        }
        let accepted = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .running(channel)
            return true
        }
        guard accepted else {
            try? await channel.close()
            throw MetricsServerError.alreadyStartedOrStopped
        }
        return channel.localAddress?.port ?? requestedPort
    }

    /// Serves until graceful shutdown or cancellation, then shuts down.
    public func run() async throws {
        try await start()
        await withTaskCancellationOrGracefulShutdownHandler {
            await self.stopped.wait()
        } onCancelOrGracefulShutdown: {
            self.beginShutdown()
        }
    }

    /// Stops accepting, lets requests in flight finish within the grace period, and closes every connection.
    public func shutdown() async {
        beginShutdown()
        await stopped.wait()
    }

    private func beginShutdown() {
        let previous = state.withLock { state -> State in
            let previous = state
            state = .stopped
            return previous
        }
        guard case .running(let serverChannel) = previous else {
            if case .idle = previous { stopped.fire() }
            return
        }
        let loop = serverChannel.eventLoop
        let open = connections.openChannels
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let deadline = loop.scheduleTask(in: TimeAmount(configuration.shutdownGracePeriod)) { [connections] in
            for channel in connections.openChannels { channel.close(promise: nil) }
        }
        let drained = EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: loop)
        serverChannel.close().and(drained).whenComplete { [stopped] _ in
            deadline.cancel()
            stopped.fire()
        }
    }

    private func bootstrap() -> ServerBootstrap {
        let handler = scrapeHandler
        let limit = scrapeLimit
        let connections = connections
        let configuration = configuration
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { connections.configureServerChannel($0) }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard try connections.configureConnection(channel) else { return }
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(
                        scrapeHandler: handler, scrapeLimit: limit, maxHeaderBytes: configuration.maxHeaderBytes
                    ))
                }
            }
    }
}

/// Why a `MetricsServer` could not do what was asked.
public enum MetricsServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `start()` was called on a server that is running or was shut down.
    case alreadyStartedOrStopped
    /// The address could not be bound, for example because another process listens on the port.
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .alreadyStartedOrStopped:
            return "the metrics server is already running or was shut down"
        case .cannotListen(let host, let port, let reason):
            return "the metrics server cannot listen on \(host):\(port): \(reason)"
        }
    }
}
