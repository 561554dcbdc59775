#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier

/// The process metrics: CPU time, memory, file descriptors, threads, start time, uptime, context switches and
/// page faults, each an observable instrument that reads procfs or the kernel at collection.
enum ProcessMetrics {
    private static let userMode: Attributes = ["cpu.mode": "user"]
    private static let systemMode: Attributes = ["cpu.mode": "system"]
    private static let voluntarySwitch: Attributes = ["process.context_switch_type": "voluntary"]
    private static let involuntarySwitch: Attributes = ["process.context_switch_type": "involuntary"]
    private static let minorFault: Attributes = ["process.paging.fault_type": "minor"]
    private static let majorFault: Attributes = ["process.paging.fault_type": "major"]

    /// Registers every process metric under the names of `naming`.
    static func register(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        registerCPUAndScheduling(with: registrar, naming: naming)
        registerMemoryAndThreads(with: registrar, naming: naming)
        registerFileDescriptors(with: registrar, naming: naming)
        registerLifetime(with: registrar, naming: naming)
    }

    private static func registerCPUAndScheduling(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let splitsByMode = naming.splitsCPUTimeByMode
        registrar.register(
            .counter, naming.cpuTime, unit: "s", description: "CPU time used by the process, user and system.",
            valueType: Double.self
        ) { observer in
            let usage = try ResourceUsage.read()
            if splitsByMode {
                observer.observe(usage.userCPUSeconds, attributes: userMode)
                observer.observe(usage.systemCPUSeconds, attributes: systemMode)
            } else {
                observer.observe(usage.userCPUSeconds + usage.systemCPUSeconds)
            }
        }
        registrar.register(
            .counter, naming.contextSwitches, unit: "{context_switch}",
            description: "Context switches of the process's threads, voluntary (waiting) and involuntary (preempted).",
            valueType: Int.self
        ) { observer in
            let usage = try ResourceUsage.read()
            observer.observe(usage.voluntaryContextSwitches, attributes: voluntarySwitch)
            observer.observe(usage.involuntaryContextSwitches, attributes: involuntarySwitch)
        }
        registrar.register(
            .counter, naming.pagingFaults, unit: "{fault}",
            description: "Page faults of the process, minor (no I/O) and major (read from disk).", valueType: Int.self
        ) { observer in
            let usage = try ResourceUsage.read()
            observer.observe(usage.minorPageFaults, attributes: minorFault)
            observer.observe(usage.majorPageFaults, attributes: majorFault)
        }
    }

    private static func registerMemoryAndThreads(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        registrar.register(
            .upDownCounter, naming.residentMemory, unit: "By", description: "Resident memory of the process (RSS).",
            valueType: Int.self
        ) { observer in
            guard pageSize > 0 else { throw RuntimeReadingError.system("sysconf(_SC_PAGESIZE)") }
            observer.observe(Int(clamping: try ProcessStat.read().residentPages) * pageSize)
        }
        registrar.register(
            .upDownCounter, naming.virtualMemory, unit: "By", description: "Virtual memory size of the process.",
            valueType: Int.self
        ) { observer in
            observer.observe(Int(clamping: try ProcessStat.read().virtualMemoryBytes))
        }
        registrar.register(
            .upDownCounter, naming.threads, unit: "{thread}", description: "Threads of the process.", valueType: Int.self
        ) { observer in
            observer.observe(try ProcessStat.read().threadCount)
        }
    }

    private static func registerFileDescriptors(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        registrar.register(
            .upDownCounter, naming.openFileDescriptors, unit: "{file_descriptor}",
            description: "Open file descriptors of the process.", valueType: Int.self
        ) { observer in
            observer.observe(try FileDescriptorTable.openCount())
        }
        registrar.register(
            .upDownCounter, naming.fileDescriptorLimit, unit: "{file_descriptor}",
            description: "The most file descriptors the process may open (the RLIMIT_NOFILE soft limit).", valueType: Int.self
        ) { observer in
            observer.observe(try FileDescriptorTable.limit())
        }
    }

    private static func registerLifetime(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let clock: ProcessClock
        do {
            clock = try ProcessClock.current()
        } catch {
            registrar.problems.reportOnce(key: naming.startTime, "\(naming.startTime) and uptime left out: \(error)")
            return
        }
        registrar.register(
            .gauge, naming.startTime, unit: "s", description: "When the process started, in seconds since the Unix epoch.",
            valueType: Double.self
        ) { observer in
            observer.observe(clock.startSinceEpoch)
        }
        if let uptime = naming.uptime {
            registrar.register(
                .gauge, uptime, unit: "s", description: "Time since the process started.", valueType: Double.self
            ) { observer in
                observer.observe(try clock.uptime())
            }
        }
    }
}
