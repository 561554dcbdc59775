#if canImport(Glibc)
import Glibc
#endif

/// Maps positive values to base-2 exponential bucket indexes at a scale, as the OpenTelemetry data model defines.
///
/// Bucket `i` covers `(base^i, base^(i+1)]` with `base = 2^(2^-scale)`; exact powers of two land exactly on
/// a boundary, so they are computed from the exponent rather than a logarithm.
enum ExponentialMapping {
    /// The largest scale an exponential histogram starts at.
    static let maximumScale = 20
    /// The smallest scale the OpenTelemetry data model allows.
    static let minimumScale = -10

    static func index(of value: Double, scale: Int) -> Int {
        let exponent = Int(value.exponent)
        let isPowerOfTwo = value.significandBitPattern == 0 && value.isNormal
        if scale <= 0 {
            return (isPowerOfTwo ? exponent - 1 : exponent) >> -scale
        }
        if isPowerOfTwo {
            return (exponent << scale) - 1
        }
        let scaleFactor = Double(sign: .plus, exponent: scale, significand: 1) / M_LN2
        return Int((log(value) * scaleFactor).rounded(.down))
    }
}

/// A dense run of exponential buckets: `counts[k]` is bucket `offset + k`.
struct ExponentialBucketRange: Sendable, Equatable {
    var offset = 0
    var counts: [UInt64] = []

    var isEmpty: Bool { counts.isEmpty }
    var lastIndex: Int { offset + counts.count - 1 }

    /// The span, in buckets, the range would cover if it also held `index`.
    func span(including index: Int) -> Int {
        isEmpty ? 1 : max(lastIndex, index) - min(offset, index) + 1
    }

    mutating func increment(_ index: Int, by amount: UInt64 = 1) {
        if isEmpty {
            offset = index
            counts = [amount]
            return
        }
        if index < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - index), at: 0)
            offset = index
        } else if index > lastIndex {
            counts.append(contentsOf: repeatElement(0, count: index - lastIndex))
        }
        counts[index - offset] += amount
    }

    /// The same counts at a scale `change` steps coarser: each bucket `i` merges into `i >> change`.
    func downscaled(by change: Int) -> ExponentialBucketRange {
        guard change > 0, !isEmpty else { return self }
        var result = ExponentialBucketRange()
        for (position, count) in counts.enumerated() where count > 0 {
            result.increment((offset + position) >> change, by: count)
        }
        return result
    }

    /// These counts minus `earlier`'s, bucket by bucket; both at the same scale.
    func subtracting(_ earlier: ExponentialBucketRange) -> ExponentialBucketRange {
        var result = self
        for (position, count) in earlier.counts.enumerated() where count > 0 {
            let index = earlier.offset + position - result.offset
            if index >= 0, index < result.counts.count { result.counts[index] -= min(count, result.counts[index]) }
        }
        return result
    }

    /// The number of scale steps needed so that `low...high` fits in `maxSize` buckets.
    static func scaleChange(low: Int, high: Int, maxSize: Int) -> Int {
        var change = 0
        while (high >> change) - (low >> change) + 1 > maxSize { change += 1 }
        return change
    }
}
