#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory of protobuf-c message trees while they are built and packed: every struct, pointer array
/// and string comes from a few large blocks, handed out in order and all taken back by `reset()`.
///
/// The blocks stay for the next tree, so a steady stream of requests reuses memory whose pages are already
/// mapped instead of allocating (and faulting in) megabytes per request; after a tree that needed several
/// blocks, `reset()` merges them into one. An arena has one user at a time: the shard or encoder call that
/// owns the `RequestBodyBuffers` it belongs to.
final class MessageArena: @unchecked Sendable {
    private struct Block {
        let start: UnsafeMutableRawPointer
        let capacity: Int
    }

    /// Alignment of every allocation; enough for any protobuf-c struct.
    private static let alignment = 16
    private static let firstBlockCapacity = 64 * 1024

    private var blocks: [Block] = []
    /// The block allocations come from, and how much of it is taken.
    private var current = 0
    private var used = 0

    /// Creates an arena without memory; the first allocation brings some.
    init() {}

    deinit {
        for block in blocks { free(block.start) }
    }

    /// Takes back everything handed out, keeping the memory for the next tree.
    func reset() {
        let capacity = blocks.reduce(0) { $0 + $1.capacity }
        if blocks.count > 1, let merged = malloc(capacity) {
            for block in blocks { free(block.start) }
            blocks = [Block(start: merged, capacity: capacity)]
        }
        current = 0
        used = 0
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
        (messages + 1).initialize(repeating: messages.pointee, count: count - 1)
        return messages
    }

    /// Uninitialized room for `count` values of a C type `Element`, each of which the caller sets; `count`
    /// must be positive.
    func buffer<Element>(of: Element.Type, count: Int) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Element> {
        let (size, overflow) = MemoryLayout<Element>.stride.multipliedReportingOverflow(by: count)
        guard count > 0, !overflow else { throw .outOfMemory }
        return try allocate(size).bindMemory(to: Element.self, capacity: count)
    }

    /// `size` bytes from the current block, or from the next one with room, or from a new block.
    private func allocate(_ size: Int) throws(RemoteWriteEncodingError) -> UnsafeMutableRawPointer {
        guard size <= Int.max - Self.alignment else { throw .outOfMemory }
        let rounded = (size + Self.alignment - 1) & ~(Self.alignment - 1)
        while current < blocks.count {
            if blocks[current].capacity - used >= rounded {
                defer { used += rounded }
                return blocks[current].start + used
            }
            current += 1
            used = 0
        }
        let capacity = max(rounded, blocks.last.map { $0.capacity * 2 } ?? Self.firstBlockCapacity)
        guard let start = malloc(capacity) else { throw .outOfMemory }
        blocks.append(Block(start: start, capacity: capacity))
        current = blocks.count - 1
        used = rounded
        return start
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
        let length = text.utf8.count
        let copy = try allocate(length + 1).bindMemory(to: CChar.self, capacity: length + 1)
        text.withUTF8 { bytes in
            UnsafeMutableRawPointer(copy).copyMemory(from: bytes.baseAddress!, byteCount: length)
        }
        copy[length] = 0
        return copy
    }
}
