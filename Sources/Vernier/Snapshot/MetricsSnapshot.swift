/// Everything one collection produced: immutable values that every exporter reads and nothing else.
///
/// The shape follows OTLP: resources ▸ scopes ▸ metrics ▸ points ▸ exemplars. The provider's own metrics come
/// first, under its resource; a ``MetricProducer`` may add metrics of other resources, such as the targets a
/// Prometheus bridge scrapes.
public struct MetricsSnapshot: Sendable, Equatable {
    /// The metrics grouped by the resource that produced them; the provider's own group first.
    public var resourceMetrics: [ResourceMetrics]

    /// Creates a snapshot of several resources.
    public init(resourceMetrics: [ResourceMetrics]) {
        self.resourceMetrics = resourceMetrics
    }

    /// Creates a snapshot of one resource.
    public init(resource: Resource, scopes: [ScopeMetrics]) {
        resourceMetrics = [ResourceMetrics(resource: resource, scopes: scopes)]
    }

    /// The scopes of every resource, in order.
    public var scopes: [ScopeMetrics] {
        resourceMetrics.count == 1 ? resourceMetrics[0].scopes : resourceMetrics.flatMap(\.scopes)
    }

    /// All metrics of all scopes, in order.
    public var metrics: [Metric] { scopes.flatMap(\.metrics) }

    /// The total number of data points, as exporters count what they send.
    public var pointCount: Int { resourceMetrics.reduce(0) { $0 + $1.pointCount } }
}

/// The metrics of one resource.
public struct ResourceMetrics: Sendable, Equatable {
    /// The entity producing the metrics.
    public var resource: Resource
    /// The metrics grouped by the meter that created them, in meter creation order.
    public var scopes: [ScopeMetrics]

    /// Creates the metrics of one resource.
    public init(resource: Resource, scopes: [ScopeMetrics]) {
        self.resource = resource
        self.scopes = scopes
    }

    /// The number of data points.
    public var pointCount: Int { scopes.reduce(0) { $0 + $1.metrics.reduce(0) { $0 + $1.data.pointCount } } }
}

/// The metrics of one instrumentation scope.
public struct ScopeMetrics: Sendable, Equatable {
    /// The meter's scope.
    public var scope: InstrumentationScope
    /// The metrics, sorted by name.
    public var metrics: [Metric]

    /// Creates the metrics of one scope.
    public init(scope: InstrumentationScope, metrics: [Metric]) {
        self.scope = scope
        self.metrics = metrics
    }
}

/// One metric stream: a name, its metadata and its points.
public struct Metric: Sendable, Equatable {
    /// The OpenTelemetry name, such as `http.server.request.duration`.
    public var name: String
    /// What the metric measures, for humans.
    public var description: String
    /// The UCUM unit, such as `s`, `By` or `{request}`; empty when unitless.
    public var unit: String
    /// The points and how to read them.
    public var data: MetricData

    /// Creates a metric.
    public init(name: String, description: String, unit: String, data: MetricData) {
        self.name = name
        self.description = description
        self.unit = unit
        self.data = data
    }
}

/// Whether points accumulate from a fixed start or cover only the time since the previous collection.
public enum AggregationTemporality: String, Sendable, Hashable {
    /// Each point covers the time since the previous collection.
    case delta
    /// Each point covers the time since the series started.
    case cumulative
}

/// The points of a metric, by aggregation.
public enum MetricData: Sendable, Equatable {
    /// A sum, from counters and up-down counters.
    case sum(Sum)
    /// The last value, from gauges.
    case gauge(Gauge)
    /// Explicit-bucket histograms.
    case histogram(Histogram)
    /// Base-2 exponential histograms.
    case exponentialHistogram(ExponentialHistogram)
    /// Quantiles with a count and sum, as Prometheus summaries carry them; only producers make these.
    case summary(Summary)

    /// The number of points.
    public var pointCount: Int {
        switch self {
        case .sum(let sum): return sum.points.count
        case .gauge(let gauge): return gauge.points.count
        case .histogram(let histogram): return histogram.points.count
        case .exponentialHistogram(let histogram): return histogram.points.count
        case .summary(let summary): return summary.points.count
        }
    }

    /// A sum of measurements.
    public struct Sum: Sendable, Equatable {
        /// How the points accumulate.
        public var temporality: AggregationTemporality
        /// True for counters, which only go up; false for up-down counters.
        public var isMonotonic: Bool
        /// One point per series.
        public var points: [NumberPoint]

        /// Creates a sum.
        public init(temporality: AggregationTemporality, isMonotonic: Bool, points: [NumberPoint]) {
            self.temporality = temporality
            self.isMonotonic = isMonotonic
            self.points = points
        }
    }

    /// The last value of each series.
    public struct Gauge: Sendable, Equatable {
        /// One point per series.
        public var points: [NumberPoint]

        /// Creates a gauge.
        public init(points: [NumberPoint]) {
            self.points = points
        }
    }

    /// Explicit-bucket histograms.
    public struct Histogram: Sendable, Equatable {
        /// How the points accumulate.
        public var temporality: AggregationTemporality
        /// One point per series.
        public var points: [HistogramPoint]

        /// Creates a histogram metric.
        public init(temporality: AggregationTemporality, points: [HistogramPoint]) {
            self.temporality = temporality
            self.points = points
        }
    }

    /// Base-2 exponential histograms.
    public struct ExponentialHistogram: Sendable, Equatable {
        /// How the points accumulate.
        public var temporality: AggregationTemporality
        /// One point per series.
        public var points: [ExponentialHistogramPoint]

        /// Creates an exponential histogram metric.
        public init(temporality: AggregationTemporality, points: [ExponentialHistogramPoint]) {
            self.temporality = temporality
            self.points = points
        }
    }

    /// Summaries: quantiles computed by the source, always cumulative.
    public struct Summary: Sendable, Equatable {
        /// One point per series.
        public var points: [SummaryPoint]

        /// Creates a summary metric.
        public init(points: [SummaryPoint]) {
            self.points = points
        }
    }
}
