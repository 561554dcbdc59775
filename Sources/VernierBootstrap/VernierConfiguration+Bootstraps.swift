extension VernierConfiguration {
    /// Which process-wide systems `VernierService.bootstrap` bootstraps onto Vernier. Each can be bootstrapped once
    /// per process; turn one off when the application or its framework bootstraps it. No variables.
    public struct Bootstraps: Sendable, Hashable {
        /// swift-metrics, with `VernierMetricsFactory`, so that libraries' metrics are exported too; default `true`.
        public var swiftMetrics: Bool
        /// swift-log, with trace ids in every line's metadata and a `log.records` count; default `true`.
        public var swiftLog: Bool
        /// swift-distributed-tracing, with the Vernier tracer; default `true`.
        public var distributedTracing: Bool

        /// Creates the flags; every one is on by default.
        public init(swiftMetrics: Bool = true, swiftLog: Bool = true, distributedTracing: Bool = true) {
            self.swiftMetrics = swiftMetrics
            self.swiftLog = swiftLog
            self.distributedTracing = distributedTracing
        }
    }
}
