import CProtobufC
import VernierProto

/// The memory of protobuf-c message trees while an encoder builds and packs them: every struct, pointer array
/// and string comes from one C arena (`vernier_proto_arena`), taken back all at once by `reset()` or when the
/// arena goes away, so a tree of many thousand nodes costs no per-node bookkeeping, and an arena reset between
/// trees reuses memory that is already mapped.
///
/// The OTLP, remote-write and Prometheus protobuf encoders share it; a failed allocation throws the encoder's own
/// `outOfMemory` error, so each encoder keeps a single typed error. An arena has one user at a time. The
/// allocating methods are inlinable, so that each encoder gets them specialised for its messages and error;
/// they are public for that reason only (inlinable package declarations are not specialised across modules),
/// and the target is no product, so nothing outside the package sees them.
public final class ProtoArena<Failure: Error>: @unchecked Sendable {
    /// Nil when the arena could not be created; every allocation then fails.
    @usableFromInline let arena: OpaquePointer?
    @usableFromInline let outOfMemory: Failure

    /// Creates an arena without memory, whose failed allocations throw `outOfMemory`; the first allocation
    /// brings some memory.
    public init(failingWith outOfMemory: Failure) {
        arena = vernier_proto_arena_create()
        self.outOfMemory = outOfMemory
    }

    deinit {
        vernier_proto_arena_destroy(arena)
    }

    /// Takes back everything handed out, keeping the memory for the next tree.
    public func reset() {
        guard let arena else { return }
        vernier_proto_arena_reset(arena)
    }

    /// A `Message` set up by protoc-c's generated `initialize` function.
    @inlinable
    public func message<Message>(_ initialize: (UnsafeMutablePointer<Message>) -> Void) throws(Failure) -> UnsafeMutablePointer<Message> {
        try messages(count: 1, initialize)
    }

    /// `count` messages side by side, each set up by protoc-c's generated `initialize` function: one allocation
    /// for what would otherwise be `count`. `count` must be positive.
    @inlinable
    public func messages<Message>(
        count: Int, _ initialize: (UnsafeMutablePointer<Message>) -> Void
    ) throws(Failure) -> UnsafeMutablePointer<Message> {
        let messages = try buffer(of: Message.self, count: count)
        initialize(messages)
        (messages + 1).update(repeating: messages.pointee, count: count - 1)
        return messages
    }

    /// Zeroed room for `count` values of a C type; `count` must be positive.
    @inlinable
    public func buffer<Element>(of: Element.Type, count: Int) throws(Failure) -> UnsafeMutablePointer<Element> {
        let (size, overflow) = MemoryLayout<Element>.stride.multipliedReportingOverflow(by: count)
        guard count > 0, !overflow, let arena, let raw = vernier_proto_arena_alloc(arena, size) else { throw outOfMemory }
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// A repeated message field: its count and one pointer per element, each message built by `build`; no
    /// pointers (nil) for no elements, as protobuf-c expects of an empty field.
    @inlinable
    public func list<Elements: Collection, Message>(
        _ elements: Elements, _ build: (Elements.Element) throws(Failure) -> UnsafeMutablePointer<Message>
    ) throws(Failure) -> (count: Int, pointers: UnsafeMutablePointer<UnsafeMutablePointer<Message>?>?) {
        guard !elements.isEmpty else { return (0, nil) }
        let pointers = try buffer(of: UnsafeMutablePointer<Message>?.self, count: elements.count)
        var index = 0
        for element in elements {
            (pointers + index).initialize(to: try build(element))
            index += 1
        }
        return (elements.count, pointers)
    }

    /// A repeated scalar field copied from `values`.
    @inlinable
    public func scalars<Scalar>(_ values: [Scalar]) throws(Failure) -> (count: Int, values: UnsafeMutablePointer<Scalar>?) {
        guard !values.isEmpty else { return (0, nil) }
        let copy = try buffer(of: Scalar.self, count: values.count)
        values.withUnsafeBufferPointer { source in copy.initialize(from: source.baseAddress!, count: source.count) }
        return (values.count, copy)
    }

    /// A NUL-terminated copy of `text`; nil for the empty string, which leaves the field out.
    @inlinable
    public func string(_ text: String) throws(Failure) -> UnsafeMutablePointer<CChar>? {
        guard !text.isEmpty else { return nil }
        guard let arena else { throw outOfMemory }
        var text = text
        let copy = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { vernier_proto_arena_copy_string(arena, $0.baseAddress, $0.count) }
        }
        guard let copy else { throw outOfMemory }
        return copy
    }

    /// A bytes field holding a copy of `bytes`.
    @inlinable
    public func binary(_ bytes: [UInt8]) throws(Failure) -> ProtobufCBinaryData {
        let (count, copy) = try scalars(bytes)
        return ProtobufCBinaryData(len: count, data: copy)
    }
}

/// Packing a built tree into wire bytes.
extension ProtoArena {
    /// The wire bytes of the message tree rooted at `message`, after `headroom` zero bytes left for a header the
    /// caller writes, so that framing the message needs no copy of it.
    @inlinable
    public static func pack<Message>(_ message: UnsafeMutablePointer<Message>, headroom: Int = 0) -> [UInt8] {
        let base = UnsafeRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        return [UInt8](unsafeUninitializedCapacity: headroom + size) { buffer, initialized in
            buffer.baseAddress?.initialize(repeating: 0, count: headroom)
            initialized = headroom + (size > 0 ? protobuf_c_message_pack(base, buffer.baseAddress! + headroom) : 0)
        }
    }
}
