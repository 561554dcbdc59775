#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vernier

/// The process metrics: CPU time, memory, file descriptors, threads, start time, uptime, context switches and
/// page faults, each an observable instrument that reads procfs or the kernel at collection.
///
/// The instruments fed by one source share its reading: a collection reads `/proc/self/stat` once and calls
/// `getrusage` once, and keeps `/proc/self/stat` and `/proc/self/fd` open from one collection to the next.
enum ProcessMetrics {
    private static let userMode: Attributes = ["cpu.mode": "user"]
    private static let systemMode: Attributes = ["cpu.mode": "system"]
    private static let voluntarySwitch: Attributes = ["process.context_switch_type": "voluntary"]
    private static let involuntarySwitch: Attributes = ["process.context_switch_type": "involuntary"]
    private static let minorFault: Attributes = ["process.paging.fault_type": "minor"]
    private static let majorFault: Attributes = ["process.paging.fault_type": "major"]

    /// Registers every process metric under the names of `naming`.
    static func register(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let statFile = ProcfsFile("/proc/self/stat")
        registerCPUAndScheduling(with: registrar, naming: naming)
        registerMemoryAndThreads(with: registrar, naming: naming, statFile: statFile)
        registerFileDescriptors(with: registrar, naming: naming)
        registerLifetime(with: registrar, naming: naming, statFile: statFile)
    }

    private static func registerCPUAndScheduling(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let splitsByMode = naming.splitsCPUTimeByMode
        let usage = SharedReading(read: ResourceUsage.read)
        let cpuUser = usage.addUser(), switchesUser = usage.addUser(), faultsUser = usage.addUser()
        registrar.register(
            .counter, naming.cpuTime, unit: "s", description: "CPU time used by the process, user and system.",
            valueType: Double.self
        ) { observer in
            let usage = try usage.value(for: cpuUser)
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
            let usage = try usage.value(for: switchesUser)
            observer.observe(usage.voluntaryContextSwitches, attributes: voluntarySwitch)
            observer.observe(usage.involuntaryContextSwitches, attributes: involuntarySwitch)
        }
        registrar.register(
            .counter, naming.pagingFaults, unit: "{fault}",
            description: "Page faults of the process, minor (no I/O) and major (read from disk).", valueType: Int.self
        ) { observer in
            let usage = try usage.value(for: faultsUser)
            observer.observe(usage.minorPageFaults, attributes: minorFault)
            observer.observe(usage.majorPageFaults, attributes: majorFault)
        }
    }

    private static func registerMemoryAndThreads(
        with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming, statFile: ProcfsFile
    ) {
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        let stat = SharedReading { try ProcessStat.read(from: statFile) }
        let residentUser = stat.addUser(), virtualUser = stat.addUser(), threadsUser = stat.addUser()
        registrar.register(
            .upDownCounter, naming.residentMemory, unit: "By", description: "Resident memory of the process (RSS).",
            valueType: Int.self
        ) { observer in
            guard pageSize > 0 else { throw RuntimeReadingError.system("sysconf(_SC_PAGESIZE)") }
            observer.observe(Int(clamping: try stat.value(for: residentUser).residentPages) * pageSize)
        }
        registrar.register(
            .upDownCounter, naming.virtualMemory, unit: "By", description: "Virtual memory size of the process.",
            valueType: Int.self
        ) { observer in
            observer.observe(Int(clamping: try stat.value(for: virtualUser).virtualMemoryBytes))
        }
        registrar.register(
            .upDownCounter, naming.threads, unit: "{thread}", description: "Threads of the process.", valueType: Int.self
        ) { observer in
            observer.observe(try stat.value(for: threadsUser).threadCount)
        }
    }

    private static func registerFileDescriptors(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming) {
        let table = FileDescriptorTable()
        registrar.register(
            .upDownCounter, naming.openFileDescriptors, unit: "{file_descriptor}",
            description: "Open file descriptors of the process.", valueType: Int.self
        ) { observer in
            observer.observe(try table.openCount())
        }
        registrar.register(
            .upDownCounter, naming.fileDescriptorLimit, unit: "{file_descriptor}",
            description: "The most file descriptors the process may open (the RLIMIT_NOFILE soft limit).", valueType: Int.self
        ) { observer in
            observer.observe(try FileDescriptorTable.limit())
        }
    }

    private static func registerLifetime(with registrar: InstrumentRegistrar, naming: RuntimeMetricNaming, statFile: ProcfsFile) {
        let clock: ProcessClock
        do {
            clock = try ProcessClock.current(stat: statFile)
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
