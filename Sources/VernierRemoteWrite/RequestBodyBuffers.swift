import CProtobufC
import VernierProtoArena

/// The arena `WriteRequest` trees are built in; a failed allocation throws `RemoteWriteEncodingError.outOfMemory`.
typealias MessageArena = ProtoArena<RemoteWriteEncodingError>

/// The memory request bodies are made in: the arena of the message tree, the packed protobuf and its
/// snappy compression.
///
/// Kept between requests (one per shard, one per `RemoteWriteRequestEncoder`), so that a steady stream of
/// requests reuses these megabytes instead of faulting in fresh pages for each one. They grow to the largest
/// request seen; only the compressed body is copied out. One user at a time: copies share the arena.
struct RequestBodyBuffers: Sendable {
    /// Where the message tree of the request being encoded lives; reset after each body.
    let arena = MessageArena(failingWith: .outOfMemory)
    private var protobuf: [UInt8] = []
    private var compressed: [UInt8] = []

    /// Creates empty buffers.
    init() {}

    /// The snappy-compressed protobuf of the message tree rooted at `message`, and the size of the protobuf.
    mutating func body<Message>(of message: UnsafeMutablePointer<Message>) throws(RemoteWriteEncodingError) -> (bytes: [UInt8], uncompressedSize: Int) {
        let base = UnsafeRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        Self.grow(&protobuf, to: size)
        Self.grow(&compressed, to: Snappy.maxCompressedLength(size))
        let length = protobuf.withUnsafeMutableBytes { packed in
            let written = protobuf_c_message_pack(base, packed.baseAddress?.assumingMemoryBound(to: UInt8.self))
            return compressed.withUnsafeMutableBytes { output in
                Result { () throws(RemoteWriteEncodingError) in
                    try Snappy.compress(UnsafeRawBufferPointer(rebasing: packed[..<written]), into: output)
                }
            }
        }
        return (Array(compressed[..<(try length.get())]), size)
    }

    /// Makes `buffer` hold at least `count` bytes (and at least one, so that it has an address).
    private static func grow(_ buffer: inout [UInt8], to count: Int) {
        if buffer.count < max(count, 1) {
            buffer = [UInt8](repeating: 0, count: max(count, 1))
        }
    }
}
