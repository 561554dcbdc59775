import Vernier
import VernierRuntime

/// The runtime sampler's cost, Vernier alone.
extension BenchmarkCase {
    /// One collection of every runtime metric (procfs, `getrusage`, `getrlimit`, `mallinfo2`), through the reader
    /// as a scrape does it; the provider holds the sampler's instruments and nothing else.
    static var runtimeSample: BenchmarkCase {
        var setups = LibrarySetups(vernier: { instance in
            let sampler = RuntimeSampler(meterProvider: instance.provider, lagProbes: [])
            return .loop { iterations, spacing in
                repeatOperation(iterations, spacing: spacing) { _ in blackHole(instance.reader.collect().pointCount) }
                blackHole(sampler)
            }
        })
        setups.vernierVariants = [.defaults]
        return BenchmarkCase(name: "runtime sample: every process and heap metric, collected", spacings: [.tight], setups: setups,
                             targets: [.time(atMost: 50_000)])
    }
}
