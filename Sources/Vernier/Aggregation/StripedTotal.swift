#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A running total split over one cache line per CPU, used once a cell has seen two cores collide.
///
/// Each core adds to its own line, so concurrent writers stop bouncing one cache line between them;
/// reading adds the lines up. This is the second stage of a contention-adaptive counter: uncontended
/// series never pay its memory.
@usableFromInline
final class StripedTotal: Sendable {
    private static let lineWords = 8
    nonisolated(unsafe) private let lines: UnsafeMutablePointer<Atomic<UInt64>>
    @usableFromInline let mask: Int

    @usableFromInline
    init() {
        let cores = max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var count = 1
        while count < cores { count <<= 1 }
        mask = count - 1
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * Self.lineWords * 8, alignment: 64)
        lines = raw.bindMemory(to: Atomic<UInt64>.self, capacity: count * Self.lineWords)
        for line in 0..<count {
            (lines + line * Self.lineWords).initialize(to: Atomic(0))
        }
    }

    deinit {
        UnsafeMutableRawPointer(lines).deallocate()
    }

    /// Adds `value` to the line of the core this thread runs on.
    @usableFromInline
    func add<Value: MeasurementValue>(_ value: Value) {
        let line = lines + (Int(max(0, currentProcessor())) & mask) * Self.lineWords
        var current = line.pointee.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = line.pointee.compareExchange(
                expected: current, desired: Value.accumulate(current, value), ordering: .relaxed
            )
            if exchanged { return }
            current = original
        }
    }

    /// `bits` plus every line's total.
    func adding<Value: MeasurementValue>(to bits: UInt64, as _: Value.Type) -> UInt64 {
        var total = bits
        for line in 0...mask {
            total = Value.accumulate(total, Value(accumulatorBits: lines[line * Self.lineWords].load(ordering: .relaxed)))
        }
        return total
    }
}

#if canImport(Glibc)
/// glibc's `sched_getcpu`, which its module map hides behind `_GNU_SOURCE`: a read of the kernel's per-thread
/// CPU number, a few nanoseconds.
@_silgen_name("sched_getcpu")
private func currentProcessor() -> Int32
#else
private func currentProcessor() -> Int32 { 0 }
#endif
