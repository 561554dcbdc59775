import VernierRuntime

extension VernierConfiguration {
    /// The runtime sampler: process CPU, memory, descriptors and threads, heap, and event-loop lag.
    public struct Runtime: Sendable {
        /// Whether the sampler runs.
        ///
        /// `VERNIER_RUNTIME_METRICS` (`true`, `false`); default `true`.
        public var isEnabled: Bool
        /// The event loops whose lag the sampler measures. No variable; default NIO's singleton loops and Swift's
        /// global executor.
        public var lagProbes: [LagProbeTarget]

        /// Creates a runtime configuration; every argument has the default its property documents.
        public init(isEnabled: Bool = true, lagProbes: [LagProbeTarget] = [.nioSingleton, .globalConcurrencyExecutor]) {
            self.isEnabled = isEnabled
            self.lagProbes = lagProbes
        }
    }
}
