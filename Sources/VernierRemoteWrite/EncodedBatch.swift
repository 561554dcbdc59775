/// One request body ready to send: snappy-compressed `WriteRequest` bytes and how many samples they carry.
struct EncodedBatch: Sendable, Equatable {
    /// The batch's place in its shard's queue; later batches have larger numbers.
    let sequence: UInt64
    /// The samples in the request.
    let sampleCount: Int
    /// The compressed request body.
    let body: [UInt8]

    /// Encodes and compresses `samples` in `buffers` as the batch numbered `sequence`.
    init(
        sequence: UInt64, samples: ArraySlice<PendingSample>, includesMetadata: Bool, buffers: inout RequestBodyBuffers
    ) throws(RemoteWriteEncodingError) {
        self.sequence = sequence
        self.sampleCount = samples.count
        self.body = try WriteRequestEncoder.encode(samples, includesMetadata: includesMetadata, buffers: &buffers).bytes
    }

    /// A batch read back from the on-disk queue.
    init(sequence: UInt64, sampleCount: Int, body: [UInt8]) {
        self.sequence = sequence
        self.sampleCount = sampleCount
        self.body = body
    }
}
