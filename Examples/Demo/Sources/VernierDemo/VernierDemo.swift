#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import Vernier
import VernierBootstrap
import VernierHTTP
import VernierHTTPNIO

/// `vernier-demo`: a simulated shop with an HTTP API, set up with `VernierService.bootstrap`: its metrics are
/// scraped at `/metrics` and, as the `OTEL_*` and `VERNIER_*` variables ask, pushed over OTLP and remote-write.
@main
enum VernierDemo {
    static func main() async {
        let options: DemoOptions
        do {
            options = try DemoOptions(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessEnvironment.current)
        } catch {
            say("\(error)")
            exit(2)
        }
        var configuration = VernierConfiguration(resource: Resource(serviceName: "vernier-demo-shop", serviceVersion: "1.0.0"))
        configuration.metrics.prometheus = .init(host: options.host, port: options.port)
        configuration.metrics.views = [ShopSimulation.productViewsView]
        let vernier = VernierService.bootstrap(configuration)
        do {
            let shop = try ShopSimulation(meter: vernier.meter("shop.checkout", version: "1.0.0"))
            if let port = try await vernier.metricsServer?.start() {
                let host = vernier.configuration.metrics.prometheus.host
                let shownHost = host == "0.0.0.0" ? "127.0.0.1" : host
                say("vernier-demo: serving metrics at http://\(shownHost):\(port)/metrics (Ctrl-C stops)")
            }
            for line in vernier.summary { say("vernier-demo: \(line)") }
            var apiLogger = Logger(label: "vernier-demo.api")
            apiLogger.logLevel = .info
            let api = try await ShopAPIServer(
                host: options.host, port: ShopAPIServer.port(environment: ProcessEnvironment.current), api: ShopAPI(logger: apiLogger),
                instrumentation: HTTPServerInstrumentationHandler.Configuration(
                    metrics: try HTTPServerMetrics(meter: vernier.meter("vernier-demo.api", version: "1.0.0")), routes: ShopAPI.routes,
                    headerCapture: HTTPHeaderCapture(requestHeaders: ["x-request-id"]), tracer: vernier.tracer),
                meter: vernier.meter("vernier", version: Resource.sdkVersion))
            say("vernier-demo: serving the shop API at http://127.0.0.1:\(api.localPort ?? 0) (GET /products/{id}, POST /checkout)")
            var logger = Logger(label: "vernier-demo")
            logger.logLevel = .notice
            // Graceful shutdown runs in reverse: the API stops, the simulation stops, then Vernier pushes what is left.
            let group = ServiceGroup(services: [vernier, shop, api], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger)
            try await group.run()
            say("vernier-demo: stopped")
        } catch {
            say("vernier-demo: \(error)")
            exit(1)
        }
    }

    /// Prints a line at once, even when standard output is a pipe or a file.
    static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
