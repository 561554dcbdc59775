#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import Vernier
import VernierRuntime
import VernierServer

/// `vernier-demo`: a simulated shop whose metrics a Prometheus can scrape at `/metrics`.
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
        let reader = PullMetricReader()
        let remoteWrite = DemoRemoteWrite(environment: ProcessEnvironment.current)
        let otlp = DemoOTLP(environment: ProcessEnvironment.current)
        let provider = MeterProvider(
            resource: Resource(serviceName: "vernier-demo-shop", serviceVersion: "1.0.0"), readers: [reader] + remoteWrite.readers + otlp.readers)
        let server = MetricsServer(host: options.host, port: options.port, reader: reader)
        let runtime = RuntimeSampler(meterProvider: provider, lagProbes: [.nioSingleton, .globalConcurrencyExecutor])
        do {
            let shop = try ShopSimulation(meter: provider.meter("shop.checkout", version: "1.0.0"))
            let port = try await server.start()
            let shownHost = options.host == "0.0.0.0" ? "127.0.0.1" : options.host
            say("vernier-demo: serving metrics at http://\(shownHost):\(port)/metrics (Ctrl-C stops)")
            if let announcement = remoteWrite.announcement { say(announcement) }
            if let announcement = otlp.announcement { say(announcement) }
            let tracing = try DemoTracing(provider: provider, environment: ProcessEnvironment.current)
            let api = try await ShopAPIServer(
                host: options.host, port: ShopAPIServer.port(environment: ProcessEnvironment.current), api: ShopAPI(logger: tracing.apiLogger),
                instrumentation: tracing.instrumentation(meter: provider.meter("vernier-demo.api", version: "1.0.0")))
            say("vernier-demo: serving the shop API at http://\(shownHost):\(api.localPort ?? 0) (GET /products/{id}, POST /checkout)")
            var logger = Logger(label: "vernier-demo")
            logger.logLevel = .notice
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(services: [.init(service: server), .init(service: shop), .init(service: runtime), .init(service: api)]
                                                             + (tracing.processor.map { [.init(service: $0)] } ?? []) + remoteWrite.services + otlp.services,
                                                         gracefulShutdownSignals: [.sigint, .sigterm], logger: logger)
            )
            try await group.run()
            await provider.shutdown()
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
