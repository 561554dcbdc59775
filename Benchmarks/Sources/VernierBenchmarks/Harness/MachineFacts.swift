import Foundation
import Synchronization

/// What a reader needs to weigh the table's figures: the CPU, and what one uncontended atomic add costs on it,
/// since a locked instruction is most of what a recording operation costs where atomics are expensive.
enum MachineFacts {
    /// The CPU's model name from `/proc/cpuinfo`.
    static var cpuModel: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    }

    /// Nanoseconds per relaxed `wrappingAdd` on an uncontended `Atomic<Int>` (one `lock xadd` on x86-64): the
    /// least time of nine runs of ten million adds.
    static func atomicAddNanoseconds() -> Double {
        let counter = Atomic<Int>(0)
        let clock = ContinuousClock()
        let adds = 10_000_000
        let runs = (0..<9).map { _ in
            clock.measure { for _ in 0..<adds { counter.wrappingAdd(1, ordering: .relaxed) } }
        }
        blackHole(counter.load(ordering: .relaxed))
        let least = runs.min()!.components
        return (Double(least.seconds) * 1e9 + Double(least.attoseconds) / 1e9) / Double(adds)
    }
}
