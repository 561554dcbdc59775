import Testing
import Vernier
import VernierPrometheus
import VernierRuntime
import VernierTesting

extension ProcessWideMeasurements {
    @Suite struct RuntimeMetricNamingTests {
        /// The families of the 0.0.4 text exposition, by name, with their type; lag included after a probed interval.
        private func prometheusFamilies(naming: RuntimeMetricNaming) async throws -> [String: String] {
            let provider = SampledProvider(naming: naming)
            let running = Task { try await provider.sampler.run() }
            try await Task.sleep(for: .milliseconds(60))
            provider.sampler.closeLagInterval()
            let snapshot = provider.collect()
            running.cancel()
            try await running.value
            let body = PrometheusExposition().render(snapshot, format: .prometheusText).body
            var families: [String: String] = [:]
            for line in String(decoding: body, as: UTF8.self).split(separator: "\n") where line.hasPrefix("# TYPE ") {
                let words = line.split(separator: " ")
                families[String(words[2])] = String(words[3])
            }
            families[PrometheusNaming.targetInfoName] = nil
            return families
        }

        private static let sharedFamilies = [
            "vernier_runtime_heap_in_use_bytes": "gauge",
            "vernier_runtime_heap_held_bytes": "gauge",
            "vernier_runtime_event_loop_lag_seconds": "histogram",
            "vernier_runtime_event_loop_lag_min_seconds": "gauge",
            "vernier_runtime_event_loop_lag_max_seconds": "gauge",
            "vernier_runtime_event_loop_lag_mean_seconds": "gauge",
            "vernier_runtime_event_loop_lag_p50_seconds": "gauge",
            "vernier_runtime_event_loop_lag_p90_seconds": "gauge",
            "vernier_runtime_event_loop_lag_p99_seconds": "gauge",
        ]

        @Test func openTelemetryNamesTranslateCleanlyToPrometheus() async throws {
            let expected = Self.sharedFamilies.merging([
                "process_cpu_time_seconds_total": "counter",
                "process_context_switches_total": "counter",
                "process_paging_faults_total": "counter",
                "process_memory_usage_bytes": "gauge",
                "process_memory_virtual_bytes": "gauge",
                "process_open_file_descriptors": "gauge",
                "process_threads": "gauge",
                "process_uptime_seconds": "gauge",
                "vernier_runtime_file_descriptor_limit": "gauge",
                "vernier_runtime_start_time_seconds": "gauge",
            ]) { shared, _ in shared }
            #expect(try await prometheusFamilies(naming: .openTelemetry) == expected)
        }

        @Test func prometheusProcessCollectorNamingGivesExactlyTheGoClientsProcessNames() async throws {
            let families = try await prometheusFamilies(naming: .prometheusProcessCollector)
            let processFamilies = families.filter { $0.key.hasPrefix("process_") }
            #expect(processFamilies == [
                "process_cpu_seconds_total": "counter",
                "process_resident_memory_bytes": "gauge",
                "process_virtual_memory_bytes": "gauge",
                "process_open_fds": "gauge",
                "process_max_fds": "gauge",
                "process_start_time_seconds": "gauge",
            ])
            let others = families.filter { !$0.key.hasPrefix("process_") }
            #expect(others == Self.sharedFamilies.merging([
                "vernier_runtime_process_context_switches_total": "counter",
                "vernier_runtime_process_paging_faults_total": "counter",
                "vernier_runtime_process_threads": "gauge",
            ]) { shared, _ in shared })
        }

        @Test func prometheusProcessCollectorReportsCPUAsOneTotal() throws {
            let snapshot = SampledProvider(naming: .prometheusProcessCollector).collect()
            _ = try snapshot.counterValue("process_cpu_seconds_total")
            #expect(try snapshot.series("process_cpu_seconds_total") == [.empty])
            let start = try snapshot.gaugeValue("process_start_time_seconds")
            #expect(start <= Timestamp.now.secondsSinceEpoch && start > Timestamp.now.secondsSinceEpoch - 86_400)
        }
    }
}
