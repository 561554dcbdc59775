#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `getrusage(RUSAGE_SELF)` reports for the whole process, all threads together.
struct ResourceUsage {
    /// CPU seconds spent running the process's own code.
    var userCPUSeconds: Double
    /// CPU seconds the kernel spent working for the process.
    var systemCPUSeconds: Double
    /// Context switches because a thread waited, for I/O or a lock.
    var voluntaryContextSwitches: Int
    /// Context switches because a thread's time slice ran out or a more important thread woke.
    var involuntaryContextSwitches: Int
    /// Page faults served without I/O.
    var minorPageFaults: Int
    /// Page faults that had to read from disk.
    var majorPageFaults: Int

    /// Reads the current usage.
    static func read() throws -> ResourceUsage {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { throw RuntimeReadingError.system("getrusage") }
        return ResourceUsage(
            userCPUSeconds: seconds(usage.ru_utime),
            systemCPUSeconds: seconds(usage.ru_stime),
            voluntaryContextSwitches: Int(usage.ru_nvcsw),
            involuntaryContextSwitches: Int(usage.ru_nivcsw),
            minorPageFaults: Int(usage.ru_minflt),
            majorPageFaults: Int(usage.ru_majflt)
        )
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}
