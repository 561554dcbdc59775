import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import Vernier
import VernierBootstrap
import VernierOTLP
import VernierPrometheus
import VernierPrometheusBridge
import VernierRemoteWrite
import VernierServer
import VernierTransport

/// `vernier-bridge`: scrapes Prometheus targets and forwards their metrics over remote-write, OTLP or both.
@main
struct BridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vernier-bridge",
        abstract: "Scrapes Prometheus /metrics endpoints and forwards them over remote-write and OTLP.",
        discussion: """
            OTLP settings also come from the OTEL_EXPORTER_OTLP_* variables (endpoint, headers, protocol, \
            compression, certificates); --otlp-endpoint wins over them. The bridge serves its own self-metrics \
            at --listen and stops on SIGTERM or SIGINT after a last delivery.
            """)

    @Option(name: .customLong("scrape"), help: "A URL to scrape; repeat for more targets.")
    var scrapeURLs: [String] = []

    @Option(help: "The job of the --scrape targets: their service.name.")
    var job = "prometheus"

    @Option(help: "A JSON file of targets: {\"targets\": [{\"url\": …, \"job\": …, \"instance\": …, \"labels\": {…}}]}.")
    var targets: String?

    @Option(help: "How often to scrape and forward, such as 15s or 1m.", transform: BridgeDuration.parse)
    var interval: Duration = .seconds(15)

    @Option(help: "How long one scrape may take; at most the interval.", transform: BridgeDuration.parse)
    var timeout: Duration = .seconds(10)

    @Option(name: .customLong("max-body-size"), help: "The largest body read from a target, in bytes; a longer one is cut off and reported.")
    var maximumBodySize = 50 << 20

    @Option(name: .customLong("remote-write"), help: "The remote-write URL, such as http://prometheus:9090/api/v1/write.")
    var remoteWriteURL: String?

    @Option(name: .customLong("queue-dir"), help: "Keeps undelivered remote-write batches in this folder across restarts.")
    var queueDirectory: String?

    @Option(name: .customLong("otlp-endpoint"), help: "The OTLP base endpoint, such as http://collector:4318.")
    var otlpEndpoint: String?

    @Option(help: "Where the bridge serves its own /metrics, host:port.")
    var listen = "127.0.0.1:9464"

    func validate() throws {
        guard !scrapeURLs.isEmpty || targets != nil else { throw ValidationError("give at least one --scrape URL or a --targets file") }
        guard remoteWriteURL != nil || otlpEndpoint != nil || Self.environmentNamesOTLPEndpoint else {
            throw ValidationError("give --remote-write, --otlp-endpoint or OTEL_EXPORTER_OTLP_ENDPOINT: nowhere to forward to")
        }
        guard interval > .zero, timeout > .zero else { throw ValidationError("--interval and --timeout must be positive") }
        let urls = scrapeURLs.map { ("--scrape", $0) }
            + [("--remote-write", remoteWriteURL), ("--otlp-endpoint", otlpEndpoint)].compactMap { option, url in url.map { (option, $0) } }
        for (option, url) in urls { try TargetsFile.requireHTTPURL(url, for: option) }
    }

    func run() async throws {
        var logger = Logger(label: "vernier-bridge")
        logger.logLevel = .info
        let scrapeTargets = try scrapeURLs.map { ScrapeTarget(url: $0, job: job) } + (targets.map(TargetsFile.read) ?? [])
        let scraper = PrometheusScraper(
            targets: scrapeTargets, configuration: ScrapeConfiguration(interval: interval, timeout: timeout, maximumBodySize: maximumBodySize))

        var exporters: [any MetricExporter] = []
        if let remoteWriteURL {
            var configuration = RemoteWriteConfiguration(url: remoteWriteURL, queueDirectory: queueDirectory)
            configuration.batchSendDeadline = min(configuration.batchSendDeadline, interval)
            exporters.append(RemoteWriteExporter(configuration: configuration))
        }
        if otlpEndpoint != nil || Self.environmentNamesOTLPEndpoint {
            var otlp = VernierConfiguration().applyingEnvironment(ProcessInfo.processInfo.environment).metrics.otlp
            if let otlpEndpoint { otlp.endpoint = otlpEndpoint }
            exporters.append(OTLPMetricExporter(configuration: otlp))
        }
        let forwards = exporters.map { Forward(exporter: $0, reader: PullMetricReader(temporalityPreference: $0.temporalityPreference, producers: [scraper])) }
        let ownMetrics = PullMetricReader()
        let provider = MeterProvider(resource: Resource(serviceName: "vernier-bridge"), readers: [ownMetrics] + forwards.map(\.reader))
        for forward in forwards {
            if let meter = forward.reader.selfMetricsMeter { forward.exporter.attachSelfMetrics(to: meter) }
        }
        if let meter = ownMetrics.selfMetricsMeter { scraper.attachSelfMetrics(to: meter) }

        let (host, port) = try Self.hostAndPort(listen)
        let server = MetricsServer(host: host, port: port, reader: ownMetrics, meter: ownMetrics.selfMetricsMeter)
        let loop = BridgeLoop(scraper: scraper, forwards: forwards, interval: interval, exportTimeout: max(interval, .seconds(10)), logger: logger)
        logger.info("bridging \(scrapeTargets.count) target(s) every \(interval) to \(exporters.count) exporter(s); own metrics on \(listen)")
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server), .init(service: loop)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await provider.shutdown()
    }

    private static var environmentNamesOTLPEndpoint: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["OTEL_EXPORTER_OTLP_ENDPOINT"] != nil || environment["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] != nil
    }

    private static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen must be host:port, not '\(text)'")
        }
        return (String(text[..<colon]), port)
    }
}

/// One exporter and the reader that collects for it, with the scraped targets as its producer.
struct Forward: Sendable {
    let exporter: any MetricExporter
    let reader: PullMetricReader
}
