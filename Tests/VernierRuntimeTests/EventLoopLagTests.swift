#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import Testing
import Vernier
import VernierRuntime
import VernierTesting

extension ProcessWideMeasurements {
    @Suite struct EventLoopLagTests {
        private static func loop(_ name: String) -> Attributes {
            ["event_loop.name": .string(name)]
        }

        /// Runs `body` while `provider`'s sampler runs, then stops the sampler.
        private func whileRunning(_ provider: SampledProvider, _ body: () async throws -> Void) async throws {
            let running = Task { try await provider.sampler.run() }
            do {
                try await body()
            } catch {
                running.cancel()
                throw error
            }
            running.cancel()
            try await running.value
        }

        @Test func aBlockedLoopShowsItsLagAndAnIdleLoopDoesNot() async throws {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
            let provider = SampledProvider(lagProbes: [.eventLoops(of: group, namePrefix: "test")])
            let loops = Array(group.makeIterator())
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(100))
                // The idle loop's lag depends on this busy machine's scheduler: one quiet try out of three is enough.
                var idleMaxima: [Double] = []
                for _ in 0..<3 {
                    provider.sampler.closeLagInterval()
                    try await loops[0].submit { _ = usleep(250_000) }.get()
                    try await Task.sleep(for: .milliseconds(50))
                    provider.sampler.closeLagInterval()
                    let snapshot = provider.collect()

                    let blocked = try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("test-0"))
                    #expect(blocked >= 0.2)
                    let histogram = try snapshot.histogram("vernier.runtime.event_loop.lag", attributes: Self.loop("test-0"))
                    #expect((histogram.max ?? 0) >= 0.2)
                    for statistic in ["min", "mean", "p50", "p90", "p99"] {
                        let value = try snapshot.gaugeValue("vernier.runtime.event_loop.lag." + statistic, attributes: Self.loop("test-0"))
                        #expect(value >= 0 && value <= blocked, "\(statistic) \(value) against max \(blocked)")
                    }
                    idleMaxima.append(try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("test-1")))
                    if idleMaxima.last! < 0.02 { break }
                }
                #expect(idleMaxima.last! < 0.02, "idle loop maxima: \(idleMaxima)")
            }
            #expect(throws: MetricLookupError.self, "lag statistics outlive run()") { try provider.collect().metric(named: "vernier.runtime.event_loop.lag.max") }
            try await group.shutdownGracefully()
        }

        @Test func aLoopBlockedForTheWholeIntervalStillShows() async throws {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let provider = SampledProvider(lagProbes: [.eventLoops(of: group, namePrefix: "stuck")])
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(50))
                let blocking = group.next().submit { _ = usleep(300_000) }
                try await Task.sleep(for: .milliseconds(20))
                provider.sampler.closeLagInterval()
                try await Task.sleep(for: .milliseconds(200))
                provider.sampler.closeLagInterval()
                let lag = try provider.collect().gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("stuck-0"))
                #expect(lag >= 0.15)
                try await blocking.get()
            }
            try await group.shutdownGracefully()
        }

        @Test func aLoopShutDownWhileProbedIsLeftOut() async throws {
            let probed = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let provider = SampledProvider(lagProbes: [.eventLoops(of: probed, namePrefix: "closing"), .globalConcurrencyExecutor])
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(50))
                provider.sampler.closeLagInterval()
                #expect(throws: Never.self) { try provider.collect().gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("closing-0")) }
                try await probed.shutdownGracefully()
                try await Task.sleep(for: .milliseconds(50))
                provider.sampler.closeLagInterval()
                let snapshot = provider.collect()
                #expect(throws: MetricLookupError.self) { try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("closing-0")) }
                #expect(throws: Never.self) { try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("swift-global-executor")) }
            }
        }

        @Test func aLoopShutDownBeforehandIsLeftOut() async throws {
            let closed = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            try await closed.shutdownGracefully()
            let provider = SampledProvider(lagProbes: [.eventLoops(of: closed, namePrefix: "closed"), .globalConcurrencyExecutor])
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(50))
                provider.sampler.closeLagInterval()
                let snapshot = provider.collect()
                #expect(throws: MetricLookupError.self) { try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("closed-0")) }
                #expect(throws: Never.self) { try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("swift-global-executor")) }
            }
        }

        @Test func theGlobalExecutorIsProbedAtTheResolutionWhileEventLoopsPaceIt() async throws {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
            let provider = SampledProvider(lagProbes: [.globalConcurrencyExecutor, .eventLoops(of: group, namePrefix: "pacing")])
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(300))
                provider.sampler.closeLagInterval()
                let snapshot = provider.collect()
                let global = try snapshot.histogram("vernier.runtime.event_loop.lag", attributes: Self.loop("swift-global-executor"))
                let loop = try snapshot.histogram("vernier.runtime.event_loop.lag", attributes: Self.loop("pacing-0"))
                // Two loops pace the probe, yet it runs at most once per resolution: about as often as one loop's probe.
                #expect(global.count >= 10 && global.count <= loop.count + 2, "global \(global.count), loop \(loop.count)")
                let maximum = try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("swift-global-executor"))
                #expect(maximum >= 0 && maximum < 1)
            }
            try await group.shutdownGracefully()
        }

        @Test func withoutLoopsToProbeTheLagMetricsAreLeftOut() throws {
            let snapshot = SampledProvider(lagProbes: []).collect()
            #expect(throws: Never.self) { try snapshot.upDownCounterValue("process.threads") }
            #expect(!snapshot.metrics.contains { $0.name.hasPrefix("vernier.runtime.event_loop.lag") })
        }

        @Test func theGlobalExecutorIsProbedOnTheInterval() async throws {
            let provider = SampledProvider(interval: .milliseconds(100))
            try await whileRunning(provider) {
                try await Task.sleep(for: .milliseconds(350))
                let snapshot = provider.collect()
                let maximum = try snapshot.gaugeValue("vernier.runtime.event_loop.lag.max", attributes: Self.loop("swift-global-executor"))
                #expect(maximum >= 0 && maximum < 1)
                let histogram = try snapshot.histogram("vernier.runtime.event_loop.lag", attributes: Self.loop("swift-global-executor"))
                #expect(histogram.count >= 10)
            }
        }
    }
}
