import CProtobufC
import VernierProtoArena

/// An allocation for a protobuf exposition failed.
struct ClientModelOutOfMemory: Error {}

/// The arena `io.prometheus.client.MetricFamily` trees are built in, reset after each family.
typealias ClientModelArena = ProtoArena<ClientModelOutOfMemory>

extension ProtoArena {
    /// Appends the packed tree rooted at `message` to `body`, preceded by its length as a varint: the
    /// delimited framing of the protobuf exposition format.
    static func appendDelimited<Message>(_ message: UnsafeMutablePointer<Message>, to body: inout [UInt8]) {
        let base = UnsafeRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        var length = UInt64(size)
        while length >= 0x80 {
            body.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        body.append(UInt8(length))
        let start = body.count
        body.append(contentsOf: repeatElement(0, count: size))
        body.withUnsafeMutableBufferPointer { buffer in
            _ = protobuf_c_message_pack(base, buffer.baseAddress! + start)
        }
    }
}
