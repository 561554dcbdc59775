import VernierTransport

/// gRPC's framing of one message in a request or response body: a compressed flag, the length as four bytes big
/// endian, then the message.
enum GRPCMessageFrame {
    /// `message` framed, gzip-compressed when `compressed` (the request then names `grpc-encoding: gzip`).
    static func framed(_ message: [UInt8], compressed: Bool) -> [UInt8] {
        let payload = compressed ? (Gzip.compress(message) ?? message) : message
        let length = UInt32(payload.count)
        let flag: UInt8 = compressed && payload != message ? 1 : 0
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + payload
    }

    /// The first message of a response body; nil when the body holds none, or only a compressed one, which this
    /// client never asks for.
    static func firstMessage(in body: [UInt8]) -> [UInt8]? {
        guard body.count >= 5, body[0] == 0 else { return nil }
        let length = Int(body[1]) << 24 | Int(body[2]) << 16 | Int(body[3]) << 8 | Int(body[4])
        guard body.count >= 5 + length else { return nil }
        return Array(body[5..<(5 + length)])
    }
}
