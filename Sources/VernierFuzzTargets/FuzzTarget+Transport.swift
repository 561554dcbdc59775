import VernierOTLP
import VernierRemoteWrite
import VernierTransport

extension FuzzTarget {
    static func readQueueFile(_ bytes: [UInt8]) {
        _ = try? QueueFile.batch(sequence: 1, from: bytes)
    }

    static func parseRetryAfter(_ bytes: [UInt8]) {
        _ = RetryAfter.parse(String(decoding: bytes, as: UTF8.self), now: 1_700_000_000)
    }

    static func readOTLPResponse(_ bytes: [UInt8]) {
        _ = OTLPMetricProtobufEncoder().partialSuccess(in: bytes)
        _ = OTLPMetricJSONEncoder().partialSuccess(in: bytes)
        _ = OTLPSpanProtobufEncoder().partialSuccess(in: bytes)
        _ = OTLPSpanJSONEncoder().partialSuccess(in: bytes)
    }
}
