import Hummingbird
import Logging
import Vernier
import VernierBootstrap

/// `hummingbird-example`: a Hummingbird 2 app on `PORT` (8080) whose own `TracingMiddleware` and
/// `MetricsMiddleware` feed Vernier through swift-distributed-tracing and swift-metrics, with `/metrics`
/// served on the app's port and OTLP set up from the `OTEL_*` variables.
@main
enum HummingbirdExample {
    static func main() async throws {
        var configuration = VernierConfiguration(resource: Resource(serviceName: "hummingbird-example", serviceVersion: "1.0.0"))
        configuration.metrics.prometheus.startsServer = false
        let vernier = VernierService.bootstrap(configuration)

        let router = Router()
        if let scrapeHandler = vernier.scrapeHandler {
            router.get("metrics") { request, _ in await scrapeHandler.response(to: request) }
        }
        router.group()
            .add(middleware: TracingMiddleware())
            .add(middleware: SpanContextMiddleware())
            .add(middleware: MetricsMiddleware())
            .get("hello/{name}") { _, context in "Hello, \(try context.parameters.require("name"))!\n" }

        let port = Int(ProcessEnvironment.current["PORT"] ?? "") ?? 8080
        var app = Application(router: router, configuration: .init(address: .hostname(port: port)),
                              logger: Logger(label: "hummingbird-example"))
        app.addServices(vernier)
        try await app.runService()
    }
}
