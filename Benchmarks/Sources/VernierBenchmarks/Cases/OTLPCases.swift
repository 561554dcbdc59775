import Vernier
import VernierOTLP

/// Encoding one collected snapshot, its points and Vernier's own self-metrics, as an OTLP export request body. Vernier alone: swift-otel's encoder is
/// internal to its exporter and cannot be driven on its own.
extension BenchmarkCase {
    static func otlpEncode(_ population: SeriesPopulation, encoder: any OTLPEncoder<MetricsSnapshot>, formatName: String, target: Target?) -> BenchmarkCase {
        var setups = LibrarySetups(
            vernier: { instance in
                try population.populate(instance.meter)
                let snapshot = instance.reader.collect()
                let body = try encoder.encode(snapshot)
                return .loop({ iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in
                        blackHole((try? encoder.encode(snapshot))?.count)
                    }
                }, output: Output(bytes: body.count, items: snapshot.pointCount, item: "point"))
            },
            vernierSeriesLimit: population.seriesLimit)
        setups.vernierVariants = [.defaults]
        let points = (population.counterSeries + population.histogramSeries) / 1000
        return BenchmarkCase(
            name: "OTLP encode \(points)k points (\(population.description)), \(formatName)",
            spacings: [.tight], setups: setups, targets: target.map { [$0] } ?? [])
    }
}
