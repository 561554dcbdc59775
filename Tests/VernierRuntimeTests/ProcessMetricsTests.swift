#if canImport(Glibc)
import Glibc
#endif
import CVernierRuntimeShims
import Testing
import Vernier
import VernierRuntime
import VernierTesting

extension ProcessWideMeasurements {
    @Suite struct ProcessMetricsTests {
        private static let megabyte = 1024.0 * 1024.0

        @Test func residentMemoryRisesWithATouchedAllocationAndFallsAfterFreeAndTrim() throws {
            let provider = SampledProvider()
            let size = 100 * 1024 * 1024
            let before = try provider.collect().upDownCounterValue("process.memory.usage")
            let block = try #require(malloc(size))
            memset(block, 1, size)
            let touched = try provider.collect().upDownCounterValue("process.memory.usage")
            free(block)
            _ = vernier_trim_heap()
            let after = try provider.collect().upDownCounterValue("process.memory.usage")

            #expect(touched - before >= 90 * Self.megabyte, "RSS \(before) → \(touched)")
            #expect(touched - after >= 90 * Self.megabyte, "RSS \(touched) → \(after) after free and trim")
        }

        /// Whether ThreadSanitizer is in the process: its allocator serves `malloc`, and glibc's `mallinfo2`
        /// then sees none of it.
        private static let isUnderThreadSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil

        @Test(.disabled(if: isUnderThreadSanitizer, "ThreadSanitizer's allocator replaces glibc's heap"))
        func heapInUseRisesWithMallocAndFallsAfterFree() throws {
            let provider = SampledProvider()
            let size = 50 * 1024 * 1024
            let before = try provider.collect().gaugeValue("vernier.runtime.heap.in_use")
            let block = try #require(malloc(size))
            let allocated = try provider.collect().gaugeValue("vernier.runtime.heap.in_use")
            let held = try provider.collect().gaugeValue("vernier.runtime.heap.held")
            free(block)
            let after = try provider.collect().gaugeValue("vernier.runtime.heap.in_use")

            #expect(allocated - before >= 49 * Self.megabyte, "heap in use \(before) → \(allocated)")
            #expect(allocated - after >= 49 * Self.megabyte, "heap in use \(allocated) → \(after) after free")
            #expect(held >= allocated)
        }

        @Test func openingFiftyFilesRaisesTheDescriptorCountByFifty() throws {
            let provider = SampledProvider()
            // Other tests in the process may open or close descriptors meanwhile; one undisturbed try is enough.
            var changes: [Double] = []
            for _ in 0..<3 {
                let before = try provider.collect().upDownCounterValue("process.open_file_descriptors")
                let descriptors = (0..<50).map { _ in open("/dev/null", O_RDONLY) }
                #expect(descriptors.allSatisfy { $0 >= 0 })
                let opened = try provider.collect().upDownCounterValue("process.open_file_descriptors")
                descriptors.forEach { close($0) }
                changes.append(opened - before)
                if opened - before == 50 { break }
            }
            #expect(changes.last == 50, "descriptor count changes seen: \(changes)")
        }

        @Test func reportsCPUTimeByModeAndTheOtherProcessValues() throws {
            let provider = SampledProvider()
            let snapshot = provider.collect()
            let user = try snapshot.counterValue("process.cpu.time", attributes: ["cpu.mode": "user"])
            let system = try snapshot.counterValue("process.cpu.time", attributes: ["cpu.mode": "system"])
            #expect(user > 0)
            #expect(system >= 0)
            let threads = try snapshot.upDownCounterValue("process.threads")
            #expect(threads >= 1)
            let limit = try snapshot.upDownCounterValue("vernier.runtime.file_descriptor.limit")
            let open = try snapshot.upDownCounterValue("process.open_file_descriptors")
            #expect(open >= 3 && open <= limit)
            let virtual = try snapshot.upDownCounterValue("process.memory.virtual")
            let resident = try snapshot.upDownCounterValue("process.memory.usage")
            #expect(virtual > resident)
            let start = try snapshot.gaugeValue("vernier.runtime.start_time")
            let uptime = try snapshot.gaugeValue("process.uptime")
            let now = Timestamp.now.secondsSinceEpoch
            #expect(abs(start + uptime - now) < 1, "start \(start) + uptime \(uptime) should be now \(now)")
            let minorFaults = try snapshot.counterValue("process.paging.faults", attributes: ["process.paging.fault_type": "minor"])
            #expect(minorFaults > 0)
            #expect(throws: Never.self) { try snapshot.counterValue("process.paging.faults", attributes: ["process.paging.fault_type": "major"]) }
            let voluntary = try snapshot.counterValue("process.context_switches", attributes: ["process.context_switch_type": "voluntary"])
            #expect(voluntary > 0)
            #expect(throws: Never.self) { try snapshot.counterValue("process.context_switches", attributes: ["process.context_switch_type": "involuntary"]) }
        }

        @Test func cpuTimeGrowsWithWork() throws {
            let provider = SampledProvider(naming: .prometheusProcessCollector)
            let before = try provider.collect().counterValue("process_cpu_seconds_total")
            // Spin until this thread has used 150 ms of CPU, however busy the machine is.
            let spun = Self.threadCPUSeconds() + 0.15
            var spins = 0
            while Self.threadCPUSeconds() < spun { spins &+= 1 }
            let after = try provider.collect().counterValue("process_cpu_seconds_total")
            #expect(after - before >= 0.14, "CPU \(before) → \(after) after \(spins) spins")
        }

        private static func threadCPUSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
    }
}
