import CProtobufC
import VernierProto

/// The memory of one protobuf-c `WriteRequest` tree while it is built and packed: every struct, pointer
/// array and string comes from one C arena and is released at once when the arena goes away.
final class MessageArena {
    private let arena: OpaquePointer

    /// Creates an empty arena.
    init() throws(RemoteWriteEncodingError) {
        guard let arena = vernier_proto_arena_create() else { throw .outOfMemory }
        self.arena = arena
    }

    deinit {
        vernier_proto_arena_destroy(arena)
    }

    /// A `Message` set up by protoc-c's generated `initialize` function.
    func message<Message>(_ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Message> {
        let message = try buffer(of: Message.self, count: 1)
        initialize(message)
        return message
    }

    /// Zeroed room for `count` values of `Element`; `count` must be positive.
    func buffer<Element>(of: Element.Type, count: Int) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Element> {
        guard let raw = vernier_proto_arena_alloc(arena, MemoryLayout<Element>.stride * count) else { throw .outOfMemory }
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// A repeated message field: one pointer per element, each built by `build`; nil for no elements.
    func list<Elements: Collection, Message>(
        _ elements: Elements, _ build: (Elements.Element) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Message>
    ) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<UnsafeMutablePointer<Message>?>? {
        guard !elements.isEmpty else { return nil }
        let pointers = try buffer(of: UnsafeMutablePointer<Message>?.self, count: elements.count)
        var index = 0
        for element in elements {
            pointers[index] = try build(element)
            index += 1
        }
        return pointers
    }

    /// A NUL-terminated copy of `text`; nil for the empty string, which the encoder leaves out.
    func string(_ text: String) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<CChar>? {
        guard !text.isEmpty else { return nil }
        var text = text
        let copy = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { vernier_proto_arena_copy_string(arena, $0.baseAddress, $0.count) }
        }
        guard let copy else { throw .outOfMemory }
        return copy
    }

    /// The wire bytes of the message tree rooted at `message`.
    static func pack<Message>(_ message: UnsafeMutablePointer<Message>) -> [UInt8] {
        let base = UnsafeRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = size > 0 ? protobuf_c_message_pack(base, buffer.baseAddress) : 0
        }
    }
}
