import Vernier
import VernierConcurrency
import VernierPrometheus

/// Builds the body of one remote-write request from a snapshot: translation to Prometheus series,
/// protobuf encoding and snappy compression, exactly as `RemoteWriteExporter` does for each batch.
///
/// Useful to measure the cost and size of a request, or to send one through another client. The encoder
/// keeps the buffers of its last request for the next one, so it holds on to memory the size of the
/// largest request it made; calls from several tasks at once are safe.
public struct RemoteWriteRequestEncoder: Sendable {
    /// A request body and what it carries.
    public struct Body: Sendable {
        /// The snappy-compressed `prometheus.WriteRequest`, to be sent with `Content-Encoding: snappy`.
        public let bytes: [UInt8]
        /// The size of the protobuf before compression.
        public let uncompressedSize: Int
        /// The samples in the request.
        public let sampleCount: Int
    }

    /// Buffers one request left for the next; a concurrent request makes its own.
    private final class SpareBuffers: Sendable {
        private let buffers = MutexBox<RequestBodyBuffers?>(RequestBodyBuffers())

        func take() -> RequestBodyBuffers {
            buffers.withLock { $0.take() } ?? RequestBodyBuffers()
        }

        func giveBack(_ returned: RequestBodyBuffers) {
            buffers.withLock { $0 = returned }
        }
    }

    private let translator: SnapshotTranslator
    private let includesMetadata: Bool
    private let spare = SpareBuffers()

    /// Creates an encoder with the naming, external labels, metadata and native histogram choices of `configuration`.
    public init(configuration: RemoteWriteConfiguration) {
        translator = SnapshotTranslator(
            naming: configuration.naming, externalLabels: configuration.externalLabels, sendsNativeHistograms: configuration.sendsNativeHistograms)
        includesMetadata = configuration.sendsMetadata
    }

    /// Encodes every sample of a cumulative `snapshot` into one request body.
    public func encode(_ snapshot: MetricsSnapshot) throws -> Body {
        let samples = translator.translate(snapshot).samples
        var buffers = spare.take()
        defer { spare.giveBack(buffers) }
        let body = try WriteRequestEncoder.encode(samples[...], includesMetadata: includesMetadata, buffers: &buffers)
        return Body(bytes: body.bytes, uncompressedSize: body.uncompressedSize, sampleCount: samples.count)
    }
}
