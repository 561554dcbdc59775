/// The sorted upper bounds of an explicit-bucket histogram, shared by all its series.
@usableFromInline
final class BucketBoundaries: Sendable {
    /// The OpenTelemetry SDK default boundaries.
    static let openTelemetryDefault: [Double] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]

    let values: [Double]
    nonisolated(unsafe) private let storage: UnsafeMutableBufferPointer<Double>

    /// Bucket count: one more than the boundaries, for the unbounded last bucket.
    var bucketCount: Int { values.count + 1 }

    init(_ values: [Double]) {
        self.values = values
        storage = .allocate(capacity: values.count)
        _ = storage.initialize(from: values)
    }

    deinit {
        storage.deallocate()
    }

    /// The bucket of `value`: the first whose upper bound is at least `value`, or the last bucket.
    func bucketIndex(of value: Double) -> Int {
        let bounds = storage
        if bounds.count <= 16 {
            // Counting the bounds below the value, without a branch per bound: bucket choice varies from one
            // measurement to the next, and a mispredicted branch costs more than the remaining comparisons.
            var index = 0
            for bound in bounds { index &+= Int(unsafeBitCast(value > bound, to: UInt8.self)) }
            return index
        }
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if value > bounds[middle] { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Checks that boundaries are finite, strictly increasing and not too many.
    static func validate(_ values: [Double], instrument: String) throws {
        guard values.count <= 1024 else {
            throw VernierError.invalidBoundaries(instrument: instrument, reason: "more than 1024 boundaries")
        }
        for (index, value) in values.enumerated() {
            guard value.isFinite else {
                throw VernierError.invalidBoundaries(instrument: instrument, reason: "boundary \(value) is not finite")
            }
            if index > 0, value <= values[index - 1] {
                throw VernierError.invalidBoundaries(instrument: instrument, reason: "boundaries must increase strictly, but \(value) follows \(values[index - 1])")
            }
        }
    }
}
