import Vernier

/// The buckets of an OpenTelemetry exponential histogram point laid out as a Prometheus native histogram:
/// a schema Prometheus accepts, the zero bucket's width, runs of non-empty buckets (spans) and their counts
/// as deltas. The protobuf exposition and remote write both send this layout.
///
/// OpenTelemetry bucket `i` holds `(base^i, base^(i+1)]` while Prometheus bucket `i` holds
/// `(base^(i-1), base^i]`, so every bucket keeps its range and its index goes up by one. Scales finer than
/// the finest schema are merged down to it, which keeps every count and only coarsens the ranges.
package struct NativeHistogramBuckets: Equatable, Sendable {
    /// Consecutive buckets: `offset` is the first bucket's index for the first span, and the number of empty
    /// buckets since the previous span for the others.
    package struct Span: Equatable, Sendable {
        package let offset: Int32
        package let length: UInt32

        /// A span of `length` buckets, `offset` after the previous span (or at index `offset`).
        package init(offset: Int32, length: UInt32) {
            self.offset = offset
            self.length = length
        }
    }

    /// One side (positive or negative values) of the histogram.
    package struct Side: Equatable, Sendable {
        package var spans: [Span] = []
        /// Each bucket's count minus the previous bucket's, the first one's minus zero.
        package var deltas: [Int64] = []
    }

    /// The schemas Prometheus accepts: bucket bounds are powers of `2^(2^-schema)`.
    static let schemas: ClosedRange<Int32> = -4...8

    /// The zero bucket's width when the exponential histogram's is zero. Prometheus reads a histogram without
    /// native buckets, zero count and zero threshold as a classic one, so an empty native histogram needs a
    /// positive threshold; `2^-128` is client_golang's default and below any measurement in practice.
    static let minimumZeroThreshold = 0x1p-128

    package let schema: Int32
    /// The width of the zero bucket, never zero.
    package let zeroThreshold: Double
    package let positive: Side
    package let negative: Side

    /// The layout of a point; nil when its scale is coarser than any schema, as buckets cannot be split.
    package init?(_ point: ExponentialHistogramPoint) {
        guard point.scale >= Self.schemas.lowerBound else { return nil }
        schema = min(point.scale, Self.schemas.upperBound)
        zeroThreshold = max(point.zeroThreshold, Self.minimumZeroThreshold)
        let mergedScales = Int64(point.scale - schema)
        positive = Self.side(point.positive, mergedScales: mergedScales)
        negative = Self.side(point.negative, mergedScales: mergedScales)
    }

    /// Merges each `2^mergedScales` neighbouring buckets into one, then lists the non-empty ones.
    private static func side(_ buckets: ExponentialHistogramPoint.Buckets, mergedScales: Int64) -> Side {
        var builder = SideBuilder()
        var pending: (index: Int64, count: UInt64)?
        for (position, count) in buckets.counts.enumerated() {
            // An arithmetic shift rounds towards minus infinity, as merging negative indices needs.
            let index = (Int64(buckets.offset) + Int64(position)) >> mergedScales
            if let current = pending, current.index == index {
                pending = (index, current.count &+ count)
                continue
            }
            if let finished = pending { builder.append(prometheusIndex: finished.index + 1, count: finished.count) }
            pending = (index, count)
        }
        if let finished = pending { builder.append(prometheusIndex: finished.index + 1, count: finished.count) }
        return builder.side
    }
}

/// Collects buckets in increasing index order into spans and deltas.
private struct SideBuilder {
    private(set) var side = NativeHistogramBuckets.Side()
    /// The index after the last bucket added.
    private var end: Int64 = 0
    private var lastCount: Int64 = 0

    /// Adds a bucket after the ones added so far; an empty bucket only widens the gap before the next span.
    mutating func append(prometheusIndex index: Int64, count: UInt64) {
        guard count > 0 else { return }
        if let last = side.spans.last, index == end {
            side.spans[side.spans.count - 1] = .init(offset: last.offset, length: last.length + 1)
        } else {
            side.spans.append(.init(offset: Int32(clamping: index - end), length: 1))
        }
        end = index + 1
        let clamped = Int64(clamping: count)
        side.deltas.append(clamped &- lastCount)
        lastCount = clamped
    }
}
