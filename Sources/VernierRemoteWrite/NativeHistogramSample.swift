import Vernier
import VernierPrometheus

/// An exponential histogram point as a remote-write native histogram: its count, sum and zero bucket, and
/// its buckets laid out as the protobuf exposition lays them out (`NativeHistogramBuckets`). A class, so
/// that a queued sample holds one reference rather than the bucket arrays.
final class NativeHistogramSample: Sendable {
    let count: UInt64
    let sum: Double
    let zeroCount: UInt64
    let buckets: NativeHistogramBuckets

    /// The sample of `point`; nil when its scale is coarser than any native histogram schema.
    init?(_ point: ExponentialHistogramPoint) {
        guard let buckets = NativeHistogramBuckets(point) else { return nil }
        count = point.count
        sum = point.sum
        zeroCount = point.zeroCount
        self.buckets = buckets
    }
}
