import VernierConcurrency

/// The state a provider shares with its meters and collectors: configuration, meters and self-metrics.
final class ProviderCore: Sendable {
    let resource: Resource
    let views: [View]
    let exemplars: ExemplarSampling
    let cardinalityLimit: Int
    let defaultHistogramAggregation: DefaultHistogramAggregation
    let hasReaders: Bool
    let selfMetrics = SelfMetricsSlot()
    private let callbacks: CallbackRunner
    private let meters = MutexBox<(list: [Meter], byScope: [InstrumentationScope: Meter])>(([], [:]))
    private let collection = MutexBox(())

    init(
        resource: Resource, views: [View], exemplars: ExemplarSampling, cardinalityLimit: Int,
        defaultHistogramAggregation: DefaultHistogramAggregation, hasReaders: Bool, callbackTimeout: Duration
    ) {
        callbacks = CallbackRunner(timeout: callbackTimeout)
        self.resource = resource
        self.views = views
        self.exemplars = exemplars
        self.cardinalityLimit = cardinalityLimit
        self.defaultHistogramAggregation = defaultHistogramAggregation
        self.hasReaders = hasReaders
    }

    func meter(for scope: InstrumentationScope) -> Meter {
        meters.withLock { meters in
            if let existing = meters.byScope[scope] { return existing }
            let meter = Meter(scope: scope, provider: self)
            meters.byScope[scope] = meter
            meters.list.append(meter)
            return meter
        }
    }

    /// One collection for one reader: every observable instrument's callbacks once, through `callbacks`, then
    /// every stream. Collections are serialised.
    func collect(_ context: CollectionContext) -> MetricsSnapshot {
        collection.withLock { _ in
            let list = meters.withLock { $0.list }
            let sources = list.flatMap { $0.observationSources() }
            var context = context
            if !sources.isEmpty { context.observations = callbacks.observe(sources) }
            return MetricsSnapshot(resource: resource, scopes: list.compactMap { $0.collect(context) })
        }
    }

    /// The streams an instrument produces: one per matching view, or one default stream; none without readers.
    func streamConfigurations(
        for instrument: InstrumentDescriptor, scope: InstrumentationScope, advisedBoundaries: [Double]?, reporter: InstrumentReporter
    ) -> [StreamConfiguration] {
        guard hasReaders else { return [] }
        let matching = views.filter { $0.matches(instrument, scope: scope) }
        let chosen: [View?] = matching.isEmpty ? [nil] : matching
        return chosen.compactMap { view in
            guard let aggregation = resolve(view?.aggregation ?? .default, for: instrument, advisedBoundaries: advisedBoundaries) else { return nil }
            return StreamConfiguration(
                name: view?.name ?? instrument.name,
                description: view?.description ?? instrument.description,
                unit: instrument.unit,
                kind: instrument.kind,
                aggregation: aggregation,
                keptKeys: view?.attributeKeys,
                cardinalityLimit: view?.cardinalityLimit ?? cardinalityLimit,
                idleCollectionsBeforeRemoval: view?.idleCollectionsBeforeRemoval,
                exemplars: exemplars,
                reporter: reporter)
        }
    }

    private func resolve(
        _ aggregation: Aggregation, for instrument: InstrumentDescriptor, advisedBoundaries: [Double]?
    ) -> StreamConfiguration.ResolvedAggregation? {
        let kindDefault: StreamConfiguration.ResolvedAggregation
        switch instrument.kind {
        case .counter, .upDownCounter, .observableCounter, .observableUpDownCounter: kindDefault = .sum
        case .gauge, .observableGauge: kindDefault = .lastValue
        case .histogram:
            switch defaultHistogramAggregation {
            case .explicitBucketHistogram:
                kindDefault = .explicitHistogram(BucketBoundaries(advisedBoundaries ?? BucketBoundaries.openTelemetryDefault))
            case .base2ExponentialBucketHistogram:
                kindDefault = .exponentialHistogram(maxSize: 160, maxScale: ExponentialMapping.maximumScale)
            }
        }
        switch aggregation {
        case .default:
            return kindDefault
        case .drop:
            return nil
        case .explicitBucketHistogram(let boundaries) where instrument.kind == .histogram:
            do {
                try BucketBoundaries.validate(boundaries, instrument: instrument.name)
                return .explicitHistogram(BucketBoundaries(boundaries))
            } catch {
                Diagnostics.warn("a view's \(error); keeping the default aggregation")
                return kindDefault
            }
        case .base2ExponentialHistogram(let maxSize, let maxScale) where instrument.kind == .histogram:
            return .exponentialHistogram(maxSize: maxSize, maxScale: maxScale)
        case .explicitBucketHistogram, .base2ExponentialHistogram:
            Diagnostics.warn("a view asks for a histogram aggregation on \(instrument.kind.rawValue) '\(instrument.name)'; keeping its default aggregation")
            return kindDefault
        }
    }
}
