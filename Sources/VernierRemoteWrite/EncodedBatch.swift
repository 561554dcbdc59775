/// One request body ready to send: snappy-compressed `WriteRequest` bytes, how many samples they carry and how
/// many metric data points those complete.
package struct EncodedBatch: Sendable, Equatable {
    /// The batch's place in its shard's queue; later batches have larger numbers.
    let sequence: UInt64
    /// The samples in the request.
    let sampleCount: Int
    /// The metric data points the samples complete; 0 for a batch queued on disk by an earlier process.
    let pointCount: Int
    /// The compressed request body.
    let body: [UInt8]

    /// Encodes and compresses `samples` in `buffers` as the batch numbered `sequence`.
    init(
        sequence: UInt64, samples: ArraySlice<PendingSample>, includesMetadata: Bool, buffers: inout RequestBodyBuffers
    ) throws(RemoteWriteEncodingError) {
        self.sequence = sequence
        self.sampleCount = samples.count
        self.pointCount = samples.dataPointCount
        self.body = try WriteRequestEncoder.encode(samples, includesMetadata: includesMetadata, buffers: &buffers).bytes
    }

    /// A batch read back from the on-disk queue, whose point count the queue file does not keep.
    init(sequence: UInt64, sampleCount: Int, pointCount: Int = 0, body: [UInt8]) {
        self.sequence = sequence
        self.sampleCount = sampleCount
        self.pointCount = pointCount
        self.body = body
    }
}
