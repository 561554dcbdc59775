import Foundation

/// `VernierBenchmarks --count-locked CASE LIBRARY N`: runs one row's operation N times in `lockCountedRun`, for
/// `Scripts/locked_instructions.py`, which counts the locked instructions executed inside it with callgrind's
/// global bus events (`--collect-bus=yes`): the same count on every x86-64 machine, unlike nanoseconds.
enum LockedInstructionCount {
    static func run(arguments: [String], cases: [BenchmarkCase]) throws {
        guard arguments.count == 3, let operations = Int(arguments[2]),
              let benchmark = cases.first(where: { $0.name == arguments[0] }),
              let contender = benchmark.setups.contenders.first(where: { $0.library.rawValue == arguments[1] }),
              case .loop(let run, _) = try contender.makeWorkload()
        else {
            throw BenchmarkSetupError("usage: --count-locked CASE LIBRARY OPERATIONS, with a case and library of the table")
        }
        // glibc leaves the lock prefix out of its mutexes while a process has one thread; a server has many.
        Thread { sleep(60) }.start()
        lockCountedRun(run, operations: operations)
    }

    /// The function callgrind collects in; nothing else runs inside it.
    @inline(never)
    static func lockCountedRun(_ run: @Sendable (Int, Spacing) -> Void, operations: Int) {
        run(operations, .tight)
    }
}
