import ServiceLifecycle
import Vernier
import VernierConcurrency

/// Scrapes Prometheus `/metrics` endpoints and offers what they expose as a `MetricProducer`, so that any
/// reader, and the OTLP or remote-write exporter behind it, carries their metrics.
///
/// Each target becomes a resource of its own (`service.name` is its job, `service.instance.id` its
/// instance) with, beside its metrics, `up`, `scrape_duration_seconds` and `scrape_samples_scraped` as
/// Prometheus reports them. A series that disappears, or every series of a target that goes down, is
/// produced once more flagged `noRecordedValue`, which remote-write sends as a staleness marker. A failed
/// scrape is counted in `vernier.sdk.prometheus_scraper.scrapes` with its `error.type` and logged at a
/// limited rate with the target's URL; the other targets carry on.
///
/// Run it as a ServiceLifecycle `Service` (every target each `interval`, concurrently, each scrape cut off
/// after `timeout`), or call `scrapeAll()` yourself before each collection.
public final class PrometheusScraper: MetricProducer, Service {
    /// The targets, in the order given.
    public let targets: [ScrapeTarget]
    /// How often and how long scrapes take.
    public let configuration: ScrapeConfiguration
    private let scrapes: [TargetScrape]
    private let latest: MutexBox<[ResourceMetrics?]>
    private let component = SDKComponent(type: "prometheus_scraper")
    private let scrapeCounter = MutexBox<Counter<Int>?>(nil)

    /// The scope of every scraped metric.
    public static let scope = InstrumentationScope(name: "vernier.prometheus.scraper", version: Resource.sdkVersion)

    /// Creates a scraper; nothing is scraped until `run()` or `scrapeAll()`.
    public init(targets: [ScrapeTarget], configuration: ScrapeConfiguration = ScrapeConfiguration()) {
        self.targets = targets
        self.configuration = configuration
        scrapes = targets.map { TargetScrape(target: $0, configuration: configuration, scope: Self.scope) }
        latest = MutexBox(Array(repeating: nil, count: targets.count))
    }

    /// Counts scrapes in `vernier.sdk.prometheus_scraper.scrapes` on `meter`, such as the provider's self-metrics meter.
    public func attachSelfMetrics(to meter: Meter) {
        do {
            let counter = try meter.counter(
                "vernier.sdk.prometheus_scraper.scrapes", unit: "{scrape}",
                description: "Scrapes of Prometheus targets; failed ones have error.type")
            scrapeCounter.withLock { $0 = counter }
        } catch {
            Diagnostics.warn("could not create the scraper's self-metrics: \(error)")
        }
    }

    /// The latest scrape of every target that has been scraped.
    public func produce(resource: Resource) throws -> [ResourceMetrics] {
        latest.withLock { $0.compactMap { $0 } }
    }

    /// Scrapes every target once, concurrently, and keeps the results for the next collections.
    public func scrapeAll() async {
        await withTaskGroup(of: Void.self) { group in
            for (index, scrape) in scrapes.enumerated() {
                group.addTask { await self.scrape(scrape, into: index) }
            }
        }
    }

    /// Scrapes every `interval` until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await repeatRounds(every: self.configuration.interval) { await self.scrapeAll() }
        }
        for scrape in scrapes { await scrape.shutdown() }
    }

    private func scrape(_ scrape: TargetScrape, into index: Int) async {
        let outcome = await scrape.scrape()
        latest.withLock { $0[index] = outcome.metrics }
        var attributes = component.attributes.merging(["server.address": .string(scrape.target.instance)])
        if let failure = outcome.failure {
            attributes = attributes.merging(["error.type": .string(failure.errorType)])
            Diagnostics.report(.warning, "scrape of \(scrape.target.url) failed: \(failure)", key: "prometheus-scraper/\(scrape.target.url)")
        }
        if outcome.droppedSeries > 0 {
            Diagnostics.report(
                .warning, "\(scrape.target.url): \(outcome.droppedSeries) gauge histogram series left out: OpenTelemetry has no such type",
                key: "prometheus-scraper/gaugehistogram/\(scrape.target.url)")
        }
        scrapeCounter.withLock { $0 }?.add(1, attributes: attributes)
    }
}
