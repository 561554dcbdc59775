import VernierProto

/// The memory of protobuf-c `WriteRequest` trees while they are built and packed: every struct, pointer array
/// and string comes from one C arena (`vernier_proto_arena`), all taken back at once by `reset()`.
///
/// The arena keeps its memory between trees, so a steady stream of requests reuses pages that are already
/// mapped instead of allocating (and faulting in) megabytes per request. An arena has one user at a time: the
/// shard or encoder call that owns the `RequestBodyBuffers` it belongs to.
final class MessageArena: @unchecked Sendable {
    /// Nil when the arena could not be created; every allocation then fails with `outOfMemory`.
    private let arena: OpaquePointer?

    /// Creates an arena without memory; the first allocation brings some.
    init() {
        arena = vernier_proto_arena_create()
    }

    deinit {
        vernier_proto_arena_destroy(arena)
    }

    /// Takes back everything handed out, keeping the memory for the next tree.
    func reset() {
        guard let arena else { return }
        vernier_proto_arena_reset(arena)
    }

    /// A `Message` set up by protoc-c's generated `initialize` function.
    func message<Message>(_ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Message> {
        try messages(count: 1, initialize)
    }

    /// `count` messages side by side, each set up by protoc-c's generated `initialize` function; `count`
    /// must be positive. One allocation for what would otherwise be `count`.
    func messages<Message>(count: Int, _ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Message> {
        let messages = try buffer(of: Message.self, count: count)
        initialize(messages)
        (messages + 1).update(repeating: messages.pointee, count: count - 1)
        return messages
    }

    /// Zeroed room for `count` values of a C type `Element`; `count` must be positive.
    func buffer<Element>(of: Element.Type, count: Int) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Element> {
        let (size, overflow) = MemoryLayout<Element>.stride.multipliedReportingOverflow(by: count)
        guard count > 0, !overflow, let arena, let raw = vernier_proto_arena_alloc(arena, size) else { throw .outOfMemory }
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
        guard let arena else { throw .outOfMemory }
        var text = text
        let copy = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { vernier_proto_arena_copy_string(arena, $0.baseAddress, $0.count) }
        }
        guard let copy else { throw .outOfMemory }
        return copy
    }
}
