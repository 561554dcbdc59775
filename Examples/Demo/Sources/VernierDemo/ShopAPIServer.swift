import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Vernier
import VernierHTTPNIO

/// The demo's API server on `VERNIER_DEMO_API_PORT` (8080 by default): `ShopAPI` behind the HTTP server
/// instrumentation, so every request has a server span, duration and active-request metrics.
final class ShopAPIServer: Service, Sendable {
    /// The port `VERNIER_DEMO_API_PORT` names, 8080 when unset.
    static func port(environment: [String: String]) throws -> Int {
        guard let text = environment["VERNIER_DEMO_API_PORT"], !text.isEmpty else { return 8080 }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw DemoOptions.UsageError(description: "VERNIER_DEMO_API_PORT must be a port number from 0 to 65535, not '\(text)'")
        }
        return port
    }

    /// The API's address could not be bound, for example because another process listens on the port.
    struct CannotListen: Error, CustomStringConvertible {
        let host: String
        let port: Int
        let reason: String

        var description: String { "the shop API cannot listen on \(host):\(port): \(reason)" }
    }

    private let channel: any Channel

    /// Binds `host`:`port` behind an `HTTPConnectionGuard` with its default limits; the server answers as soon
    /// as this returns.
    init(host: String, port: Int, api: ShopAPI, instrumentation: HTTPServerInstrumentationHandler.Configuration, meter: Meter) async throws {
        let connections = HTTPConnectionGuard(serverName: "api", meter: meter)
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelInitializer { connections.configureServerChannel($0) }
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        guard try connections.configureConnection(channel) else { return }
                        try channel.pipeline.syncOperations.addHandler(HTTPServerInstrumentationHandler(configuration: instrumentation))
                        try channel.pipeline.syncOperations.addHandler(ShopAPIHandler(api: api))
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            throw CannotListen(host: host, port: port, reason: "\(error)")
        }
    }

    /// The bound port.
    var localPort: Int? { channel.localAddress?.port }

    /// Serves until graceful shutdown or cancellation, then closes the listening socket.
    func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onCancelOrGracefulShutdown: { [channel] in
            channel.close(promise: nil)
        }
    }
}
