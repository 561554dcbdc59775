#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A histogram series' newest exemplar per bucket, written with one locked instruction and no lock.
///
/// Each slot is a cache line of atomic words guarded by a sequence number: a writer claims the slot by moving
/// the number from even to odd, writes the fields and publishes them by making it even again; a reader retries
/// until it reads the same even number before and after the fields. A writer that finds the slot claimed by
/// another leaves it to that one, as newest-wins allows. Only exemplars without filtered attributes fit.
///
/// A value over memory its owner frees with `deallocate()`, so that using it involves no reference counting.
struct BucketExemplarSlots: Sendable {
    private static let wordsPerSlot = 8
    private enum Field: Int {
        case sequence, time, value, flags, traceHigh, traceLow, span
    }
    private static let isDouble: UInt64 = 1, hasTrace: UInt64 = 2, hasSpan: UInt64 = 4

    private let count: Int
    private nonisolated(unsafe) let words: UnsafeMutablePointer<Atomic<UInt64>>

    init(count: Int) {
        self.count = count
        let wordCount = count * Self.wordsPerSlot
        words = UnsafeMutableRawPointer.allocate(byteCount: wordCount * 8, alignment: 64)
            .bindMemory(to: Atomic<UInt64>.self, capacity: wordCount)
        for word in 0..<wordCount { (words + word).initialize(to: Atomic(0)) }
    }

    func deallocate() {
        UnsafeMutableRawPointer(words).deallocate()
    }

    private func word(_ slot: Int, _ field: Field) -> UnsafeMutablePointer<Atomic<UInt64>> {
        words + slot * Self.wordsPerSlot + field.rawValue
    }

    /// Keeps `exemplar` as bucket `slot`'s newest, unless another writer holds the slot right now.
    func offer(_ exemplar: Exemplar, slot: Int) {
        let sequence = word(slot, .sequence)
        let before = sequence.pointee.load(ordering: .relaxed)
        guard before & 1 == 0,
              sequence.pointee.compareExchange(expected: before, desired: before + 1, ordering: .acquiring).exchanged
        else { return }
        var flags: UInt64 = 0
        let valueBits: UInt64
        switch exemplar.value {
        case .int(let value): valueBits = UInt64(bitPattern: value)
        case .double(let value):
            valueBits = value.bitPattern
            flags |= Self.isDouble
        }
        if let trace = exemplar.traceID {
            flags |= Self.hasTrace
            word(slot, .traceHigh).pointee.store(trace.high, ordering: .relaxed)
            word(slot, .traceLow).pointee.store(trace.low, ordering: .relaxed)
        }
        if let span = exemplar.spanID {
            flags |= Self.hasSpan
            word(slot, .span).pointee.store(span.value, ordering: .relaxed)
        }
        word(slot, .time).pointee.store(exemplar.time.nanosecondsSinceEpoch, ordering: .relaxed)
        word(slot, .value).pointee.store(valueBits, ordering: .relaxed)
        word(slot, .flags).pointee.store(flags, ordering: .relaxed)
        sequence.pointee.store(before + 2, ordering: .releasing)
    }

    /// Bucket `slot`'s newest exemplar, if one was ever offered.
    func exemplar(slot: Int) -> Exemplar? {
        let sequence = word(slot, .sequence)
        while true {
            let before = sequence.pointee.load(ordering: .acquiring)
            if before == 0 { return nil }
            if before & 1 == 1 {
                sched_yield()
                continue
            }
            let time = word(slot, .time).pointee.load(ordering: .relaxed)
            let valueBits = word(slot, .value).pointee.load(ordering: .relaxed)
            let flags = word(slot, .flags).pointee.load(ordering: .relaxed)
            let traceHigh = word(slot, .traceHigh).pointee.load(ordering: .relaxed)
            let traceLow = word(slot, .traceLow).pointee.load(ordering: .relaxed)
            let span = word(slot, .span).pointee.load(ordering: .relaxed)
            atomicMemoryFence(ordering: .acquiring)
            guard sequence.pointee.load(ordering: .relaxed) == before else { continue }
            return Exemplar(
                time: Timestamp(nanosecondsSinceEpoch: time),
                value: flags & Self.isDouble != 0 ? .double(Double(bitPattern: valueBits)) : .int(Int64(bitPattern: valueBits)),
                traceID: flags & Self.hasTrace != 0 ? TraceID(high: traceHigh, low: traceLow) : nil,
                spanID: flags & Self.hasSpan != 0 ? SpanID(span) : nil)
        }
    }
}
