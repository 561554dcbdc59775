/// The value of a Prometheus native histogram series: exponential buckets around zero, as the protobuf exposition
/// carries them.
public struct ScrapedNativeHistogram: Sendable, Equatable {
    /// Buckets on one side of zero, dense from `offset`: bucket `offset + i` counts the values in
    /// `(base^(offset + i - 1), base^(offset + i)]`, with `base = 2^(2^-schema)`, as Prometheus numbers them.
    public struct Buckets: Sendable, Equatable {
        /// The Prometheus index of the first bucket.
        public var offset: Int32
        /// The count of each bucket from `offset` on (absolute, not the exposition's deltas).
        public var counts: [Double]

        /// Creates buckets.
        public init(offset: Int32, counts: [Double]) {
            self.offset = offset
            self.counts = counts
        }
    }

    /// The resolution: the bucket boundaries grow by `2^(2^-schema)`.
    public var schema: Int32
    /// The width of the zero bucket around zero.
    public var zeroThreshold: Double
    /// The values in the zero bucket.
    public var zeroCount: Double
    /// The buckets above the zero bucket.
    public var positive: Buckets
    /// The buckets below it, by absolute value.
    public var negative: Buckets
    /// The number of observations.
    public var count: Double
    /// Their sum.
    public var sum: Double

    /// Creates a native histogram value.
    public init(schema: Int32, zeroThreshold: Double, zeroCount: Double, positive: Buckets, negative: Buckets, count: Double, sum: Double) {
        self.schema = schema
        self.zeroThreshold = zeroThreshold
        self.zeroCount = zeroCount
        self.positive = positive
        self.negative = negative
        self.count = count
        self.sum = sum
    }
}
