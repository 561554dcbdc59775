import Vernier

/// Heap held per series once many series exist: each series is named by one attribute, `id`.
extension BenchmarkCase {
    static let footprintSeries = 10_000

    static var counterSeriesFootprint: BenchmarkCase {
        BenchmarkCase(
            name: "memory, \(footprintSeries / 1000)k counter series",
            setups: LibrarySetups(
                vernier: { instance in
                    let counter = try instance.meter.counter(Fixtures.counterName)
                    return .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries { counter.add(1, attributes: Fixtures.seriesAttributes(index)) }
                    }
                },
                vernierSeriesLimit: footprintSeries + 1,
                swiftPrometheus: { registry in
                    .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries {
                            registry.makeCounter(descriptor: Fixtures.prometheusCounter, labels: Fixtures.seriesLabels(index)).increment()
                        }
                    }
                },
                swiftOTel: { factory in
                    .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries {
                            factory.makeCounter(label: Fixtures.counterName, dimensions: Fixtures.seriesLabels(index)).increment(by: 1)
                        }
                    }
                }),
            targets: [.retainedBytes(atMost: 200)])
    }

    static var histogramSeriesFootprint: BenchmarkCase {
        BenchmarkCase(
            name: "memory, \(footprintSeries / 1000)k histogram series, 11 buckets",
            setups: LibrarySetups(
                vernier: { instance in
                    let histogram = try instance.meter.histogram(Fixtures.histogramName, unit: "s", boundaries: Fixtures.boundaries)
                    return .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries { histogram.record(0.3, attributes: Fixtures.seriesAttributes(index)) }
                    }
                },
                vernierSeriesLimit: footprintSeries + 1,
                swiftPrometheus: { registry in
                    .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries {
                            registry.makeValueHistogram(
                                descriptor: Fixtures.prometheusHistogram, labels: Fixtures.seriesLabels(index), buckets: Fixtures.boundaries
                            ).record(0.3)
                        }
                    }
                },
                swiftOTel: { factory in
                    .footprint(series: footprintSeries) {
                        for index in 0..<footprintSeries {
                            factory.makeRecorder(label: Fixtures.histogramName, dimensions: Fixtures.seriesLabels(index), aggregate: true)
                                .record(0.3)
                        }
                    }
                }))
    }
}
