import CProtobufC
import VernierProto

/// The memory of one `io.prometheus.client.MetricFamily` message tree while it is built and packed.
///
/// Every struct, pointer array and string comes from the C arena the OTLP and remote-write encoders use
/// (`vernier_proto_arena`); `reset()` takes all of it back at once and keeps the memory for the next family.
final class ClientModelArena {
    /// An allocation failed.
    struct OutOfMemory: Error {}

    /// Nil when the arena could not be created; every allocation then fails.
    private let arena: OpaquePointer?

    init() {
        arena = vernier_proto_arena_create()
    }

    deinit {
        vernier_proto_arena_destroy(arena)
    }

    /// A `Message` set up by protoc-c's generated `initialize` function.
    func message<Message>(_ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(OutOfMemory) -> UnsafeMutablePointer<Message> {
        guard let message = try buffer(of: Message.self, count: 1) else { throw OutOfMemory() }
        initialize(message)
        return message
    }

    /// Zeroed room for `count` values of a C type; nil for none, as protobuf-c expects of an empty field.
    func buffer<Element>(of: Element.Type, count: Int) throws(OutOfMemory) -> UnsafeMutablePointer<Element>? {
        guard count > 0 else { return nil }
        let (size, overflow) = MemoryLayout<Element>.stride.multipliedReportingOverflow(by: count)
        guard !overflow, let arena, let raw = vernier_proto_arena_alloc(arena, size) else { throw OutOfMemory() }
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// A repeated field: its count and `count` values, each made by `make`.
    func repeated<Elements: Collection, Value>(
        _ elements: Elements, _ make: (Elements.Element) throws(OutOfMemory) -> Value
    ) throws(OutOfMemory) -> (count: Int, values: UnsafeMutablePointer<Value>?) {
        let values = try buffer(of: Value.self, count: elements.count)
        for (offset, element) in elements.enumerated() {
            (values! + offset).initialize(to: try make(element))
        }
        return (elements.count, values)
    }

    /// A NUL-terminated copy of `text`; nil for the empty string, which leaves the field out.
    func string(_ text: String) throws(OutOfMemory) -> UnsafeMutablePointer<CChar>? {
        guard !text.isEmpty else { return nil }
        guard let arena else { throw OutOfMemory() }
        var text = text
        let copy = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { vernier_proto_arena_copy_string(arena, $0.baseAddress, $0.count) }
        }
        guard let copy else { throw OutOfMemory() }
        return copy
    }

    /// Takes back everything handed out, keeping the memory for the next tree.
    func reset() {
        guard let arena else { return }
        vernier_proto_arena_reset(arena)
    }

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
