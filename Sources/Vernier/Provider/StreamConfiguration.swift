/// Everything a metric stream needs to know, resolved from an instrument and the views that match it.
struct StreamConfiguration: Sendable {
    /// The aggregation after resolving `.default` for the instrument kind.
    enum ResolvedAggregation: Sendable {
        case sum
        case lastValue
        case explicitHistogram(BucketBoundaries)
        case exponentialHistogram(maxSize: Int, maxScale: Int)
    }

    var name: String
    var description: String
    var unit: String
    var kind: InstrumentKind
    var aggregation: ResolvedAggregation
    var keptKeys: Set<String>?
    var cardinalityLimit: Int
    /// Collections without change after which a series is removed; nil keeps every series.
    var idleCollectionsBeforeRemoval: Int?
    var exemplars: ExemplarSampling
    var reporter: InstrumentReporter
}

/// One reader's request for a collection.
struct CollectionContext: Sendable {
    let readerID: Int
    let preference: TemporalityPreference
    let time: Timestamp
    /// What the observable instruments' callbacks reported in this collection, by source identity; the
    /// provider fills it in before the streams are read.
    var observations: [ObjectIdentifier: Observations] = [:]

    func temporality(for kind: InstrumentKind) -> AggregationTemporality {
        preference.temporality(for: kind)
    }
}

/// A stream of points one instrument produces through one view, collected by readers.
protocol MetricStream: AnyObject, Sendable {
    var configuration: StreamConfiguration { get }
    /// The callbacks an observable stream reads; nil for the streams of synchronous instruments.
    var observationSource: (any ObservationSource)? { get }
    /// The stream's points for this reader, or nil when it has nothing to report.
    func collect(_ context: CollectionContext) -> MetricData?
}

/// A stream whose series live in a `SeriesTable`, which is every synchronous instrument's.
protocol TableBackedStream: MetricStream {
    associatedtype Cell: SeriesCell
    var table: SeriesTable<Cell> { get }
}

extension MetricStream {
    var observationSource: (any ObservationSource)? { nil }

    func collectMetric(_ context: CollectionContext) -> Metric? {
        collect(context).map {
            Metric(name: configuration.name, description: configuration.description, unit: configuration.unit, data: $0)
        }
    }
}
