import Vernier

/// The points of one snapshot, where an `ExpositionCatalog`'s series find them: by the position of their
/// metric in the snapshot and their index among its points.
///
/// The snapshot's point lists are shared rather than copied point by point, so gathering them costs one
/// step per metric however many series there are.
struct ExpositionValues {
    /// For each metric, its points when it is a sum or gauge, otherwise none.
    private var numberPoints: [[NumberPoint]] = []
    /// For each metric, its points when it is an explicit-bucket histogram, otherwise none.
    private var histogramPoints: [[HistogramPoint]] = []
    /// For each metric, its points when it is an exponential histogram, otherwise none.
    private var exponentialHistogramPoints: [[ExponentialHistogramPoint]] = []
    /// For each metric, its points when it is a summary, otherwise none.
    private var summaryPoints: [[SummaryPoint]] = []

    init(_ snapshot: MetricsSnapshot) {
        for scope in snapshot.scopes {
            for metric in scope.metrics {
                switch metric.data {
                case .sum(let sum): append(numbers: sum.points)
                case .gauge(let gauge): append(numbers: gauge.points)
                case .histogram(let histogram): append(histograms: histogram.points)
                case .exponentialHistogram(let histogram): append(exponentialHistograms: histogram.points)
                case .summary(let summary): append(summaries: summary.points)
                }
            }
        }
    }

    private mutating func append(
        numbers: [NumberPoint] = [], histograms: [HistogramPoint] = [], exponentialHistograms: [ExponentialHistogramPoint] = [],
        summaries: [SummaryPoint] = []
    ) {
        numberPoints.append(numbers)
        histogramPoints.append(histograms)
        exponentialHistogramPoints.append(exponentialHistograms)
        summaryPoints.append(summaries)
    }

    /// The value of a counter or gauge series.
    ///
    /// This and the other accessors read one field in place: copying a whole point would retain and release
    /// its attributes and exemplars, which costs more than writing the series.
    func value(of series: ExpositionCatalog.Series) -> NumberValue {
        numberPoints[Int(series.metric)].withUnsafeBufferPointer { $0[Int(series.index)].value }
    }

    /// When a counter series started accumulating.
    func startTime(of series: ExpositionCatalog.Series) -> Timestamp {
        numberPoints[Int(series.metric)].withUnsafeBufferPointer { $0[Int(series.index)].startTime }
    }

    /// The exemplars of a counter series.
    func exemplars(of series: ExpositionCatalog.Series) -> [Exemplar] {
        numberPoints[Int(series.metric)][Int(series.index)].exemplars
    }

    /// Calls `body` with the point of a histogram series, read in place.
    func withHistogramPoint<Result>(of series: ExpositionCatalog.Series, _ body: (HistogramPoint) -> Result) -> Result {
        histogramPoints[Int(series.metric)].withUnsafeBufferPointer { body($0[Int(series.index)]) }
    }

    /// The point of a summary series.
    func summaryPoint(of series: ExpositionCatalog.Series) -> SummaryPoint {
        summaryPoints[Int(series.metric)][Int(series.index)]
    }

    /// The point of a native histogram series (an exponential histogram).
    func exponentialHistogramPoint(of series: ExpositionCatalog.Series) -> ExponentialHistogramPoint {
        exponentialHistogramPoints[Int(series.metric)][Int(series.index)]
    }
}
