/// Measures every contender of a case and returns one `Measurement` per row.
///
/// Loops: the iteration count is calibrated so that one round lasts `roundLength`; after `warmupRounds`
/// the median of `rounds` rounds is reported. With work between operations, every round also times the
/// same loop doing the work alone, and the difference is the operation's cost. Allocations are counted in
/// one more round, untimed, so that counting never slows a timed round.
/// Footprints: heap in use before and after creating the series, the median of `footprintRounds` fresh instances.
struct Runner {
    var rounds = 15
    var warmupRounds = 3
    var roundLength: Duration = .milliseconds(10)
    var footprintRounds = 3

    func measure(_ benchmark: BenchmarkCase) throws -> [Measurement] {
        var measurements: [Measurement] = []
        for contender in benchmark.setups.contenders {
            switch try contender.makeWorkload() {
            case .loop(let run, let output):
                for spacing in benchmark.spacings {
                    let figures = measureLoop(run, threads: benchmark.threads, spacing: spacing)
                    measurements.append(Measurement(
                        caseName: benchmark.variantName(spacing), library: contender.library,
                        nanosecondsPerOperation: figures.nanoseconds, allocationsPerOperation: figures.allocations,
                        allocatedBytesPerOperation: figures.bytes, retainedBytesPerOperation: nil, output: output))
                }
            case .footprint:
                measurements.append(try measureFootprint(of: contender, caseName: benchmark.name))
            case .external(let nanoseconds, let output):
                measurements.append(Measurement(
                    caseName: benchmark.variantName(benchmark.spacings[0]), library: contender.library,
                    nanosecondsPerOperation: nanoseconds, allocationsPerOperation: nil, allocatedBytesPerOperation: nil,
                    retainedBytesPerOperation: nil, output: output))
            }
        }
        return measurements
    }

    private func measureLoop(
        _ run: @escaping @Sendable (Int, Spacing) -> Void, threads: Int, spacing: Spacing
    ) -> (nanoseconds: Double, allocations: Double, bytes: Double) {
        let workAlone: @Sendable (Int, Spacing) -> Void = { iterations, spacing in
            repeatOperation(iterations, spacing: spacing) { _ in }
        }
        let iterations = calibratedIterations(run, threads: threads, spacing: spacing)
        let operations = Double(iterations * threads)
        func time(_ loop: @escaping @Sendable (Int, Spacing) -> Void) -> Double {
            ThreadGang.time(threads: threads) { loop(iterations, spacing) }.nanoseconds
        }
        for _ in 0..<warmupRounds { _ = time(run) }
        var perOperation: [Double] = []
        for _ in 0..<rounds {
            var elapsed = time(run)
            if case .work = spacing { elapsed -= time(workAlone) }
            perOperation.append(elapsed / operations)
        }
        let counts = AllocationCounter.counting { _ = time(run) }
        return (median(perOperation), Double(counts.allocations) / operations, Double(counts.bytes) / operations)
    }

    /// Doubles the iteration count (or jumps towards the goal) until one round lasts `roundLength`.
    private func calibratedIterations(_ run: @escaping @Sendable (Int, Spacing) -> Void, threads: Int, spacing: Spacing) -> Int {
        let goal = roundLength.nanoseconds
        var iterations = 1
        while true {
            let elapsed = ThreadGang.time(threads: threads) { [iterations] in run(iterations, spacing) }.nanoseconds
            if elapsed >= goal { return iterations }
            let scale = elapsed > 0 ? min(16, max(2, goal / elapsed)) : 16
            iterations = Int((Double(iterations) * scale).rounded(.up))
        }
    }

    private func measureFootprint(of contender: Contender, caseName: String) throws -> Measurement {
        var retained: [Double] = [], nanoseconds: [Double] = [], allocations: [Double] = [], bytes: [Double] = []
        for _ in 0..<footprintRounds {
            guard case .footprint(let series, let create) = try contender.makeWorkload() else {
                preconditionFailure("\(contender.library.rawValue) mixes loop and footprint workloads in '\(caseName)'")
            }
            let before = AllocationCounter.heapBytesInUse
            var elapsed = Duration.zero
            let counts = AllocationCounter.counting {
                let clock = ContinuousClock()
                let start = clock.now
                create()
                elapsed = start.duration(to: clock.now)
            }
            let after = AllocationCounter.heapBytesInUse
            withExtendedLifetime(create) {}
            let count = Double(series)
            retained.append((Double(after) - Double(before)) / count)
            nanoseconds.append(elapsed.nanoseconds / count)
            allocations.append(Double(counts.allocations) / count)
            bytes.append(Double(counts.bytes) / count)
        }
        return Measurement(
            caseName: caseName, library: contender.library, nanosecondsPerOperation: median(nanoseconds),
            allocationsPerOperation: median(allocations), allocatedBytesPerOperation: median(bytes),
            retainedBytesPerOperation: median(retained), output: nil)
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
