import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization
import Vernier
import VernierPrometheus

/// A small HTTP/1.1 server for Prometheus: `GET`/`HEAD /metrics` (through a `ScrapeHandler`) and
/// `/healthz`, with keep-alive, an idle timeout, header-size and concurrent-scrape limits.
///
/// Run it as a ServiceLifecycle `Service`: `run()` serves until graceful shutdown or cancellation, then stops
/// accepting, lets requests in flight finish (up to the grace period) and closes every connection.
/// Tests bind `127.0.0.1` on port 0 and read the port `start()` returns.
public final class MetricsServer: Service, Sendable {
    /// The address the server binds.
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
    private let state = Mutex(State.idle)
    private let connections = ConnectionRegistry()
    private let scrapeLimit: ConcurrencyLimit
    private let stopped = CompletionSignal()

    /// Creates a server answering scrapes with `scrapeHandler`; nothing is bound until `start()` or `run()`.
    public init(
        host: String = "0.0.0.0",
        port: Int = 9464,
        scrapeHandler: ScrapeHandler,
        configuration: MetricsServerConfiguration = MetricsServerConfiguration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.requestedPort = port
        self.scrapeHandler = scrapeHandler
        self.configuration = configuration
        self.group = eventLoopGroup
        self.scrapeLimit = ConcurrencyLimit(limit: configuration.maxConcurrentScrapes)
    }

    /// Creates a server exposing what a pull reader collects at `/metrics`.
    public convenience init(
        host: String = "0.0.0.0",
        port: Int = 9464,
        reader: PullMetricReader,
        exposition: PrometheusExposition = PrometheusExposition(),
        configuration: MetricsServerConfiguration = MetricsServerConfiguration()
    ) {
        self.init(host: host, port: port, scrapeHandler: ScrapeHandler(reader: reader, exposition: exposition), configuration: configuration)
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
        let channel = try await bootstrap().bind(host: host, port: requestedPort).get()
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
        let open = connections.open
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let deadline = loop.scheduleTask(in: TimeAmount(configuration.shutdownGracePeriod)) { [connections] in
            for channel in connections.open { channel.close(promise: nil) }
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
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(allTimeout: TimeAmount(configuration.idleTimeout)))
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try pipeline.addHandler(MetricsHTTPHandler(
                        scrapeHandler: handler, scrapeLimit: limit, maxHeaderBytes: configuration.maxHeaderBytes
                    ))
                }
            }
    }
}

/// Why a `MetricsServer` could not do what was asked.
public enum MetricsServerError: Error, Sendable, Equatable {
    /// `start()` was called on a server that is running or was shut down.
    case alreadyStartedOrStopped
}

extension TimeAmount {
    /// The same span of time as NIO counts it.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
