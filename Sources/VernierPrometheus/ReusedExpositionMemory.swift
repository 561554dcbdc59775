import VernierConcurrency

/// Keeps the body of one exposition for the next, whose output is usually as long, and writes the next one
/// into the same memory.
///
/// Writing into memory that is already mapped spares the page faults of a fresh allocation this size, which
/// cost as much as the writing itself. Bodies are arrays, so the memory is reused only once the receiver of the
/// previous body has let go of it; while it holds on, copy-on-write gives the next body memory of its own.
final class ReusedExpositionMemory: Sendable {
    private let kept = MutexBox<[UInt8]>([])

    /// A body of what `write` writes into the buffer it is given: room for `estimatedLength` bytes the first
    /// time, then for the previous body's length and an eighth more, as values grow longer.
    func body(estimatedLength: Int, _ write: (ExpositionBuffer) -> Void) -> [UInt8] {
        var body = kept.withLock { kept in
            let body = kept
            kept = []
            return body
        }
        // The buffer writes over the array's elements, so all its capacity becomes elements: only the bytes past
        // the previous body need setting when the memory is the kept body's.
        body.reserveCapacity(body.isEmpty ? estimatedLength : body.count + body.count / 8)
        body.append(contentsOf: repeatElement(0, count: body.capacity - body.count))
        var written = 0
        var outgrown: [UInt8]?
        body.withUnsafeMutableBufferPointer { memory in
            let buffer = ExpositionBuffer(writingInto: memory)
            write(buffer)
            written = buffer.count
            if buffer.ownsStorage { outgrown = buffer.bytes }
        }
        if let outgrown {
            body = outgrown
        } else {
            body.removeLast(body.count - written)
        }
        kept.withLock { $0 = body }
        return body
    }
}
