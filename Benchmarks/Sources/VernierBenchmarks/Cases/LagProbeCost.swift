import Foundation
import Synchronization
import Vernier
import VernierRuntime

/// The CPU the runtime sampler's event-loop lag probes take at their default resolution (10 ms), on NIO's
/// singleton loops and Swift's global executor: process CPU time over a few seconds of probing, minus the same
/// span of an idle run, as a share of one core.
///
/// Beside it, the floor: the CPU of as many bare threads as there are probed loops, each only sleeping 10 ms in a
/// loop. Every probe has to wake a thread of its loop at each tick, so no probe costs less than such a wake-up.
enum LagProbeCost {
    /// What one measurement found, as a line for the report.
    struct Result {
        let idlePercent: Double
        let probingPercent: Double
        let sleepingThreads: Int
        let sleepingThreadsPercent: Double
        /// The goal: probes take less than this share of one core.
        let limitPercent = 0.5

        var addedPercent: Double { probingPercent - idlePercent }
        var floorPercent: Double { sleepingThreadsPercent - idlePercent }
        var isMet: Bool { addedPercent < limitPercent }

        var line: String {
            String(format: "lag probes at 10 ms on %@: %.3f %% of one core (probing %.3f %%, idle %.3f %%); target < %.1f %%: %@; "
                   + "floor, %d bare threads waking every 10 ms: %.3f %%",
                   "NIO's singleton loops and the global executor" as NSString, addedPercent, probingPercent, idlePercent, limitPercent,
                   (isMet ? "PASS" : "MISS") as NSString, sleepingThreads, floorPercent)
        }
    }

    static func measure(seconds: Double = 5) -> Result {
        let idle = cpuPercent(over: seconds)
        // NIO's singleton group has a loop per core; the global executor is one more.
        let probedLoops = ProcessInfo.processInfo.activeProcessorCount + 1
        let sleeping = cpuPercentOfSleepingThreads(probedLoops, over: seconds)
        let sampler = RuntimeSampler(meterProvider: MeterProvider(readers: [PullMetricReader()]), lagProbes: [.nioSingleton, .globalConcurrencyExecutor])
        let probing = Task.detached { try? await sampler.run() }
        Thread.sleep(forTimeInterval: 0.5)
        let busy = cpuPercent(over: seconds)
        probing.cancel()
        return Result(idlePercent: idle, probingPercent: busy, sleepingThreads: probedLoops, sleepingThreadsPercent: sleeping)
    }

    /// The process's CPU time over `seconds` while `count` extra threads each sleep 10 ms again and again.
    private static func cpuPercentOfSleepingThreads(_ count: Int, over seconds: Double) -> Double {
        final class StopFlag: Sendable {
            let isSet = Atomic<Bool>(false)
        }
        let stop = StopFlag()
        for _ in 0..<count {
            Thread {
                while !stop.isSet.load(ordering: .relaxed) { usleep(10_000) }
            }.start()
        }
        Thread.sleep(forTimeInterval: 0.5)
        defer { stop.isSet.store(true, ordering: .relaxed) }
        return cpuPercent(over: seconds)
    }

    /// The process's CPU time (user and system) over `seconds` of wall time, in percent of one core.
    private static func cpuPercent(over seconds: Double) -> Double {
        let before = cpuSeconds()
        let start = ContinuousClock.now
        Thread.sleep(forTimeInterval: seconds)
        let wall = ContinuousClock.now - start
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        return (cpuSeconds() - before) / wallSeconds * 100
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
