#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A running total split over one cache line per CPU, used once a cell has seen two cores collide.
///
/// Each core adds to its own line, so concurrent writers stop bouncing one cache line between them;
/// reading adds the lines up. This is the second stage of a contention-adaptive counter: uncontended
/// series never pay its memory. The lines live in raw memory owned by the cell, so adding involves no
/// reference counting.
@usableFromInline
enum StripedTotal {
    @usableFromInline static let wordsPerLine = 8
    /// Lines per total: the processor count rounded up to a power of two.
    @usableFromInline static let lineCount: Int = {
        let processors = max(2, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var count = 1
        while count < processors { count <<= 1 }
        return count
    }()

    /// Allocates zeroed lines and returns their address.
    @usableFromInline
    static func allocate() -> UInt {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: lineCount * wordsPerLine * 8, alignment: 64)
        let words = raw.bindMemory(to: Atomic<UInt64>.self, capacity: lineCount * wordsPerLine)
        for line in 0..<lineCount { (words + line * wordsPerLine).initialize(to: Atomic(0)) }
        return UInt(bitPattern: raw)
    }

    static func deallocate(_ address: UInt) {
        UnsafeMutableRawPointer(bitPattern: address)?.deallocate()
    }

    @inlinable
    static func line(_ address: UInt, _ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        UnsafeMutablePointer<Atomic<UInt64>>(bitPattern: address)! + index * wordsPerLine
    }

    /// Adds `value` to the line of the core this thread runs on.
    @inlinable
    static func add<Value: MeasurementValue>(_ value: Value, to address: UInt) {
        let word = line(address, Int(max(0, currentProcessor())) & (lineCount - 1))
        var current = word.pointee.load(ordering: .relaxed)
        while true {
            let (exchanged, original) = word.pointee.compareExchange(
                expected: current, desired: Value.accumulate(current, value), ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Sets every line back to zero.
    static func clear(_ address: UInt) {
        for index in 0..<lineCount { line(address, index).pointee.store(0, ordering: .relaxed) }
    }

    /// `bits` plus every line's total.
    static func adding(to bits: UInt64, linesAt address: UInt, kind: NumberKind) -> UInt64 {
        var total = bits
        for index in 0..<lineCount {
            total = kind.accumulate(total, line(address, index).pointee.load(ordering: .relaxed))
        }
        return total
    }
}

#if canImport(Glibc)
/// glibc's `sched_getcpu`, which its module map hides behind `_GNU_SOURCE`: a read of the kernel's per-thread
/// CPU number, a few nanoseconds.
@usableFromInline
@_silgen_name("sched_getcpu")
func currentProcessor() -> Int32
#else
@usableFromInline
func currentProcessor() -> Int32 { 0 }
#endif
