import CProtobufC
import VernierProto

/// The memory of one protobuf-c message tree while an encoder builds and packs it.
///
/// Every struct, pointer array and string of the tree comes from one C arena, released at once when the
/// arena goes away, so building a request of many thousand points costs no per-node bookkeeping.
package final class ProtoArena {
    private let arena: OpaquePointer

    /// Creates an empty arena.
    package init() throws(OTLPEncodingError) {
        guard let arena = vernier_proto_arena_create() else { throw .outOfMemory }
        self.arena = arena
    }

    deinit {
        vernier_proto_arena_destroy(arena)
    }

    /// A zeroed `Message`, set up by protoc-c's generated `initialize` function.
    package func message<Message>(_ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(OTLPEncodingError) -> UnsafeMutablePointer<Message> {
        guard let message = try buffer(of: Message.self, count: 1) else { throw .outOfMemory }
        initialize(message)
        return message
    }

    /// Uninitialised room for `count` values of `Element`; nil for no elements, as protobuf-c expects.
    package func buffer<Element>(of: Element.Type, count: Int) throws(OTLPEncodingError) -> UnsafeMutablePointer<Element>? {
        guard count > 0 else { return nil }
        guard let raw = vernier_proto_arena_alloc(arena, MemoryLayout<Element>.stride * count) else { throw .outOfMemory }
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// A repeated message field: one pointer per element, each built by `build`.
    package func list<Element, Message>(
        _ elements: some Collection<Element>,
        _ build: (Element) throws(OTLPEncodingError) -> UnsafeMutablePointer<Message>
    ) throws(OTLPEncodingError) -> (count: Int, pointers: UnsafeMutablePointer<UnsafeMutablePointer<Message>?>?) {
        let pointers = try buffer(of: UnsafeMutablePointer<Message>?.self, count: elements.count)
        var index = 0
        for element in elements {
            pointers![index] = try build(element)
            index += 1
        }
        return (elements.count, pointers)
    }

    /// A repeated scalar field copied from `values`.
    package func scalars<Scalar>(_ values: [Scalar]) throws(OTLPEncodingError) -> (count: Int, values: UnsafeMutablePointer<Scalar>?) {
        let copy = try buffer(of: Scalar.self, count: values.count)
        if let copy {
            values.withUnsafeBufferPointer { source in
                copy.initialize(from: source.baseAddress!, count: source.count)
            }
        }
        return (values.count, copy)
    }

    /// A NUL-terminated copy of `text` for a string field; nil for the empty string, which proto3 leaves out.
    package func string(_ text: String) throws(OTLPEncodingError) -> UnsafeMutablePointer<CChar>? {
        guard !text.isEmpty else { return nil }
        var text = text
        let copy = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { vernier_proto_arena_copy_string(arena, $0.baseAddress, $0.count) }
        }
        guard let copy else { throw .outOfMemory }
        return copy
    }

    /// A bytes field holding a copy of `bytes`.
    package func binary(_ bytes: [UInt8]) throws(OTLPEncodingError) -> ProtobufCBinaryData {
        let (count, copy) = try scalars(bytes)
        return ProtobufCBinaryData(len: count, data: copy)
    }

    /// The wire bytes of the message tree rooted at `message`.
    package static func pack<Message>(_ message: UnsafeMutablePointer<Message>) -> [UInt8] {
        let base = UnsafeRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = size > 0 ? protobuf_c_message_pack(base, buffer.baseAddress) : 0
        }
    }
}
