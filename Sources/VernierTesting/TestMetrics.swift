import Vernier

/// A meter provider read on demand, the usual set-up of a test that asserts on metrics: hand its meters (or its
/// ``provider``) to the code under test, then read ``collect()`` with the lookups on `MetricsSnapshot`.
///
/// ```swift
/// let metrics = TestMetrics()
/// let orders = try metrics.meter("shop").counter("shop.orders")
/// orders.add(2)
/// #expect(try metrics.collect().counterValue("shop.orders") == 2)
/// ```
public struct TestMetrics: Sendable {
    /// The reader that collects on ``collect()``.
    public let reader: PullMetricReader
    /// The provider the meters come from, for code that takes a provider.
    public let provider: MeterProvider

    /// Creates a provider with one pull reader.
    /// - Parameters:
    ///   - resource: The resource of every snapshot; `service.name` is `test` by default.
    ///   - views: The views the provider applies.
    ///   - temporalityPreference: The temporality of the collections; cumulative by default, as a scrape reads.
    ///   - exemplarFilter: Which measurements may become exemplars; those inside sampled spans by default.
    ///   - cardinalityLimit: The most series per stream.
    ///   - defaultHistogramAggregation: The aggregation of histograms no view changes.
    ///   - callbackTimeout: How long one observable instrument's callbacks may take in a collection.
    ///   - producers: Sources of metrics recorded elsewhere, such as a bridged registry, merged into each collection.
    public init(
        resource: Resource = Resource(serviceName: "test"),
        views: [View] = [],
        temporalityPreference: TemporalityPreference = .cumulative,
        exemplarFilter: ExemplarFilter = .traceBased,
        cardinalityLimit: Int = 2000,
        defaultHistogramAggregation: DefaultHistogramAggregation = .explicitBucketHistogram,
        callbackTimeout: Duration = .seconds(5),
        producers: [any MetricProducer] = []
    ) {
        reader = PullMetricReader(temporalityPreference: temporalityPreference, producers: producers)
        provider = MeterProvider(
            resource: resource, views: views, readers: [reader], exemplarFilter: exemplarFilter,
            cardinalityLimit: cardinalityLimit, defaultHistogramAggregation: defaultHistogramAggregation,
            callbackTimeout: callbackTimeout)
    }

    /// The provider's meter for an instrumentation scope; the same scope always returns the same meter.
    public func meter(_ name: String, version: String? = nil) -> Meter {
        provider.meter(name, version: version)
    }

    /// Collects now: every instrument's series and the observable callbacks' values.
    public func collect() -> MetricsSnapshot {
        reader.collect()
    }
}
