#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When the process started, read once from `/proc/self/stat`, and how long it has run since.
struct ProcessClock: Sendable {
    /// Seconds after boot at which the process started.
    let startSinceBoot: Double
    /// The start as seconds since the Unix epoch, as `process_start_time_seconds` reports it.
    let startSinceEpoch: Double

    /// Reads the start time of the running process from `stat`, its `/proc/self/stat`.
    static func current(stat statFile: ProcfsFile) throws -> ProcessClock {
        let ticksPerSecond = sysconf(Int32(_SC_CLK_TCK))
        guard ticksPerSecond > 0 else { throw RuntimeReadingError.system("sysconf(_SC_CLK_TCK)") }
        let stat = try ProcessStat.read(from: statFile)
        let startSinceBoot = Double(stat.startTimeTicks) / Double(ticksPerSecond)
        let sinceBoot = try seconds(on: CLOCK_BOOTTIME)
        let sinceEpoch = try seconds(on: CLOCK_REALTIME)
        return ProcessClock(startSinceBoot: startSinceBoot, startSinceEpoch: sinceEpoch - (sinceBoot - startSinceBoot))
    }

    /// Seconds since the process started.
    func uptime() throws -> Double {
        max(0, try Self.seconds(on: CLOCK_BOOTTIME) - startSinceBoot)
    }

    private static func seconds(on clock: clockid_t) throws -> Double {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { throw RuntimeReadingError.system("clock_gettime") }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
