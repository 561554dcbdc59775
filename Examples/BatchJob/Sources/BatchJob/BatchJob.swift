import Logging
import ServiceLifecycle
import Vernier
import VernierBootstrap

/// `batch-job`: imports stock levels from standard input, then exits. Its metrics are pushed over OTLP once,
/// as the process ends: the import finishing shuts the service group down gracefully, and Vernier's periodic
/// reader exports on graceful shutdown.
@main
enum BatchJob {
    static func main() async throws {
        var configuration = VernierConfiguration(resource: Resource(serviceName: "batch-job", serviceVersion: "1.0.0"))
        configuration.metrics.exporters = [.otlp]
        let vernier = VernierService.bootstrap(configuration)
        let stockImport = try StockImport(lines: Array(sequence(state: ()) { _ in readLine() }),
                                          meter: vernier.meter("batch-job", version: "1.0.0"))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: vernier),
                .init(service: stockImport, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "batch-job")))
        try await group.run()
    }
}
