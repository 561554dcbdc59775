/// The entry point of the metrics API: owns the configuration, the meters and the readers.
///
/// ```swift
/// let scrape = PullMetricReader()
/// let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [scrape])
/// let meter = provider.meter("shop.checkout", version: "1.2.0")
/// let orders = try meter.counter("shop.orders", unit: "{order}")
/// orders.add(1, attributes: ["payment.method": "card"])
/// ```
///
/// A provider without readers hands out instruments that record nothing and cost next to nothing per call.
public final class MeterProvider: Sendable {
    /// The resource attached to every snapshot.
    public var resource: Resource { core.resource }
    private let core: ProviderCore
    private let readers: [any MetricReader]

    /// Creates a provider.
    /// - Parameters:
    ///   - resource: What produces the metrics; by default the SDK attributes and `unknown_service:<process>`.
    ///   - views: Changes to what instruments produce, applied in order.
    ///   - readers: Who collects: a `PullMetricReader` for scraping, `PeriodicMetricReader`s for pushing.
    ///   - exemplarFilter: Which measurements may become exemplars; only those inside sampled spans by default.
    ///   - exemplarSpanSource: Where the active span comes from; `ServiceContext` by default.
    ///   - cardinalityLimit: The most series per stream where no view says otherwise, the overflow series included.
    ///   - defaultHistogramAggregation: The aggregation of histograms no view changes.
    ///   - callbackTimeout: How long one observable instrument's callbacks may take in a collection; past it the
    ///     collection goes on without that instrument, counted in `vernier.sdk.callback.timeouts`.
    public init(
        resource: Resource = Resource(),
        views: [View] = [],
        readers: [any MetricReader] = [],
        exemplarFilter: ExemplarFilter = .traceBased,
        exemplarSpanSource: any ExemplarSpanSource = ServiceContextSpanSource(),
        cardinalityLimit: Int = 2000,
        defaultHistogramAggregation: DefaultHistogramAggregation = .explicitBucketHistogram,
        callbackTimeout: Duration = .seconds(5)
    ) {
        core = ProviderCore(
            resource: resource, views: views,
            exemplars: ExemplarSampling(filter: exemplarFilter, source: exemplarSpanSource),
            cardinalityLimit: cardinalityLimit, defaultHistogramAggregation: defaultHistogramAggregation,
            hasReaders: !readers.isEmpty, callbackTimeout: callbackTimeout)
        self.readers = readers
        guard !readers.isEmpty else { return }
        let selfMeter = core.meter(for: InstrumentationScope(name: "vernier", version: Resource.sdkVersion))
        do {
            core.selfMetrics.set(try SelfMetrics(meter: selfMeter))
        } catch {
            Diagnostics.warn("could not create self-metrics: \(error)")
        }
        for (index, reader) in readers.enumerated() {
            reader.register(MetricCollector(id: index, reader: reader, provider: core, selfMeter: selfMeter))
        }
    }

    /// The meter for an instrumentation scope; the same scope always returns the same meter.
    public func meter(_ name: String, version: String? = nil, schemaURL: String? = nil, attributes: Attributes = .empty) -> Meter {
        core.meter(for: InstrumentationScope(name: name, version: version, schemaURL: schemaURL, attributes: attributes))
    }

    /// Asks every reader to export what it has now.
    public func forceFlush() async {
        for reader in readers { await reader.forceFlush() }
    }

    /// Flushes and shuts down every reader; call once when the process stops.
    public func shutdown() async {
        for reader in readers { await reader.shutdown() }
    }
}
