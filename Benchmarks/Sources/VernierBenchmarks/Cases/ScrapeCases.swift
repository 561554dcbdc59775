import Vernier
import VernierPrometheus

/// A whole scrape: Vernier collects a snapshot from its pull reader and renders it; swift-prometheus emits
/// its registry with `emitToBuffer()`. swift-prometheus writes only the text format, so OpenMetrics cases
/// compare Vernier's OpenMetrics with swift-prometheus's text.
extension BenchmarkCase {
    static func scrape(_ population: SeriesPopulation, format: ExpositionFormat) -> BenchmarkCase {
        var targets: [Target] = [.faster(than: .swiftPrometheus, by: 3)]
        if population.histogramSeries == 0 { targets.insert(.time(atMost: 5_000_000), at: 0) }
        var setups = LibrarySetups(
            vernier: { instance in
                try population.populate(instance.meter)
                let reader = instance.reader
                let exposition = PrometheusExposition()
                let body = exposition.render(reader.collect(), format: format).body
                return .loop({ iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in
                        blackHole(exposition.render(reader.collect(), format: format).body.count)
                    }
                }, output: population.output(bytes: body.count))
            },
            vernierSeriesLimit: population.seriesLimit,
            swiftPrometheus: { registry in
                population.populate(registry)
                let body = registry.emitToBuffer()
                return .loop({ iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in blackHole(registry.emitToBuffer().count) }
                }, output: population.output(bytes: body.count))
            })
        setups.vernierVariants = [.defaults]
        let formatName = format == .openMetrics ? "OpenMetrics" : "text"
        return BenchmarkCase(name: "scrape \(population.description), \(formatName)", spacings: [.tight], setups: setups, targets: targets)
    }
}
