import VernierTransport

/// gRPC's framing of one message in a request or response body: a compressed flag, the length as four bytes big
/// endian, then the message.
enum GRPCMessageFrame {
    /// The bytes before each message.
    static let headerLength = 5

    /// One message framed as a request body. `encode` returns the message after the headroom it is given, the
    /// room the header takes, so that the message is not copied; with `compressed` the message is gzip-compressed
    /// (the request then names `grpc-encoding: gzip`), and sent uncompressed, flagged so, should zlib fail.
    static func framed(
        compressed: Bool, encode: (_ headroom: Int) throws(OTLPEncodingError) -> [UInt8]
    ) throws(OTLPEncodingError) -> [UInt8] {
        var frame: [UInt8]
        var isCompressed = false
        if compressed {
            let message = try encode(0)
            if let gzipped = Gzip.compress(message, headroom: headerLength) {
                frame = gzipped
                isCompressed = true
            } else {
                frame = [UInt8](repeating: 0, count: headerLength) + message
            }
        } else {
            frame = try encode(headerLength)
        }
        let length = UInt32(frame.count - headerLength)
        frame[0] = isCompressed ? 1 : 0
        for index in 1..<headerLength {
            frame[index] = UInt8(truncatingIfNeeded: length >> (8 * (headerLength - 1 - index)))
        }
        return frame
    }

    /// The first message of a response body; nil when the body holds none, or only a compressed one, which this
    /// client never asks for.
    static func firstMessage(in body: [UInt8]) -> [UInt8]? {
        guard body.count >= headerLength, body[0] == 0 else { return nil }
        let length = Int(body[1]) << 24 | Int(body[2]) << 16 | Int(body[3]) << 8 | Int(body[4])
        guard body.count >= headerLength + length else { return nil }
        return Array(body[headerLength..<(headerLength + length)])
    }
}
