import Vernier
import VernierPrometheus

/// Builds the body of one remote-write request from a snapshot: translation to Prometheus series,
/// protobuf encoding and snappy compression, exactly as `RemoteWriteExporter` does for each batch.
///
/// Useful to measure the cost and size of a request, or to send one through another client.
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

    private let translator: SnapshotTranslator
    private let includesMetadata: Bool

    /// Creates an encoder with the naming, external labels and metadata choice of `configuration`.
    public init(configuration: RemoteWriteConfiguration) {
        translator = SnapshotTranslator(naming: configuration.naming, externalLabels: configuration.externalLabels)
        includesMetadata = configuration.sendsMetadata
    }

    /// Encodes every sample of a cumulative `snapshot` into one request body.
    public func encode(_ snapshot: MetricsSnapshot) throws -> Body {
        let samples = translator.translate(snapshot).samples
        let protobuf = try WriteRequestEncoder.encode(samples[...], includesMetadata: includesMetadata)
        return Body(bytes: try Snappy.compress(protobuf), uncompressedSize: protobuf.count, sampleCount: samples.count)
    }
}
