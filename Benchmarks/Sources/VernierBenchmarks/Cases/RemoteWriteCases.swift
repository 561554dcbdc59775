import Vernier
import VernierRemoteWrite

/// One remote-write request from a collected snapshot: translation to Prometheus samples, protobuf encoding
/// and snappy compression, through `RemoteWriteRequestEncoder` as the exporter does it. Vernier alone.
extension BenchmarkCase {
    static func remoteWriteRequest(_ population: SeriesPopulation) -> BenchmarkCase {
        var setups = LibrarySetups(
            vernier: { instance in
                try population.populate(instance.meter)
                let snapshot = instance.reader.collect()
                let encoder = RemoteWriteRequestEncoder(configuration: RemoteWriteConfiguration(url: "http://127.0.0.1:9090/api/v1/write"))
                let body = try encoder.encode(snapshot)
                return .loop({ iterations, spacing in
                    repeatOperation(iterations, spacing: spacing) { _ in
                        blackHole((try? encoder.encode(snapshot))?.bytes.count)
                    }
                }, output: Output(bytes: body.bytes.count, items: body.sampleCount, item: "sample"))
            },
            vernierSeriesLimit: population.seriesLimit)
        setups.vernierVariants = [.defaults]
        return BenchmarkCase(
            name: "remote-write request, \(population.description): build, encode, compress",
            spacings: [.tight], setups: setups, targets: [.time(atMost: 10_000_000)])
    }
}
