/// The names the runtime sampler gives its metrics.
///
/// `.openTelemetry`, the default, follows the OpenTelemetry semantic conventions for process metrics
/// (`process.cpu.time`, `process.memory.usage`, ...) and uses `vernier.runtime.*` where they have no name. The
/// thread and descriptor counts are the exception: the conventions name them `process.thread.count` and
/// `process.unix.file_descriptor.count`, which the Prometheus translation turns into `_count` names that only
/// histograms and summaries may have (`promtool check metrics` fails on them). They keep the names the
/// conventions gave them before, `process.threads` and `process.open_file_descriptors`, which translate
/// cleanly; a `View` renaming them gives the current names where Prometheus is not involved.
///
/// `.prometheusProcessCollector` gives the metrics that the Go client's process collector exports exactly its
/// names after the Prometheus translation (`process_cpu_seconds_total`, `process_resident_memory_bytes`,
/// `process_virtual_memory_bytes`, `process_open_fds`, `process_max_fds`, `process_start_time_seconds`), so that
/// dashboards written for it work unchanged. CPU time is then one total without a `cpu.mode` attribute, and the
/// process metrics that collector lacks move under `vernier.runtime.process.*`, leaving the `process_*` names
/// exactly its own. Heap and event-loop lag metrics are named the same in both.
public struct RuntimeMetricNaming: Sendable, Hashable {
    let cpuTime: String
    let splitsCPUTimeByMode: Bool
    let residentMemory: String
    let virtualMemory: String
    let openFileDescriptors: String
    let fileDescriptorLimit: String
    let threads: String
    let startTime: String
    /// Nil where the naming has no uptime metric, since the start time says the same.
    let uptime: String?
    let contextSwitches: String
    let pagingFaults: String

    /// OpenTelemetry semantic-convention names, `vernier.runtime.*` for the rest.
    public static let openTelemetry = RuntimeMetricNaming(
        cpuTime: "process.cpu.time",
        splitsCPUTimeByMode: true,
        residentMemory: "process.memory.usage",
        virtualMemory: "process.memory.virtual",
        openFileDescriptors: "process.open_file_descriptors",
        fileDescriptorLimit: "vernier.runtime.file_descriptor.limit",
        threads: "process.threads",
        startTime: "vernier.runtime.start_time",
        uptime: "process.uptime",
        contextSwitches: "process.context_switches",
        pagingFaults: "process.paging.faults"
    )

    /// The Go Prometheus client's `process_*` names for what its process collector exports.
    public static let prometheusProcessCollector = RuntimeMetricNaming(
        cpuTime: "process_cpu_seconds_total",
        splitsCPUTimeByMode: false,
        residentMemory: "process_resident_memory_bytes",
        virtualMemory: "process_virtual_memory_bytes",
        openFileDescriptors: "process_open_fds",
        fileDescriptorLimit: "process_max_fds",
        threads: "vernier.runtime.process.threads",
        startTime: "process_start_time_seconds",
        uptime: nil,
        contextSwitches: "vernier.runtime.process.context_switches",
        pagingFaults: "vernier.runtime.process.paging.faults"
    )

    /// Heap bytes handed out to the program and not yet freed.
    static let heapInUse = "vernier.runtime.heap.in_use"
    /// Heap bytes the allocator holds from the operating system.
    static let heapHeld = "vernier.runtime.heap.held"
    /// The histogram of every lag measurement.
    static let lag = "vernier.runtime.event_loop.lag"
    /// The prefix of the per-interval lag statistics: `.min`, `.max`, `.mean`, `.p50`, `.p90`, `.p99`.
    static let lagStatisticPrefix = "vernier.runtime.event_loop.lag."
    /// The attribute naming the probed loop.
    static let loopAttribute = "event_loop.name"
}
