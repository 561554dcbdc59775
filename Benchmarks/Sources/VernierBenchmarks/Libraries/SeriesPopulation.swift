import Prometheus
import Vernier

/// Many series of one counter and one histogram, each series told apart by its `id` attribute.
/// Counter series hold their index; histogram series hold three recorded values.
struct SeriesPopulation: Sendable {
    let counterSeries: Int
    let histogramSeries: Int

    /// "10k counter + 1k histogram series".
    var description: String {
        let counters = "\(counterSeries / 1000)k counter"
        return histogramSeries > 0 ? "\(counters) + \(histogramSeries / 1000)k histogram series" : "\(counters) series"
    }

    /// The cardinality limit Vernier needs to keep every series apart.
    var seriesLimit: Int { max(counterSeries, histogramSeries) + 1 }

    /// A body of `bytes` showing every series.
    func output(bytes: Int) -> Output {
        Output(bytes: bytes, items: counterSeries + histogramSeries, item: "series")
    }

    func populate(_ meter: Meter) throws {
        let counter = try meter.counter(Fixtures.counterName)
        for index in 0..<counterSeries { counter.add(index, attributes: Fixtures.seriesAttributes(index)) }
        let histogram = try meter.histogram(Fixtures.histogramName, unit: "s", boundaries: Fixtures.boundaries)
        for index in 0..<histogramSeries {
            for sample in Fixtures.samples.prefix(3) { histogram.record(sample, attributes: Fixtures.seriesAttributes(index)) }
        }
    }

    func populate(_ registry: PrometheusCollectorRegistry) {
        for index in 0..<counterSeries {
            registry.makeCounter(descriptor: Fixtures.prometheusCounter, labels: Fixtures.seriesLabels(index))
                .increment(by: Int64(index))
        }
        for index in 0..<histogramSeries {
            let histogram = registry.makeValueHistogram(
                descriptor: Fixtures.prometheusHistogram, labels: Fixtures.seriesLabels(index), buckets: Fixtures.boundaries)
            for sample in Fixtures.samples.prefix(3) { histogram.record(sample) }
        }
    }
}
