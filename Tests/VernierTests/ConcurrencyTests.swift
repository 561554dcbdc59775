import Foundation
import Testing
@testable import Vernier
import VernierConcurrency
import VernierTesting

@Suite struct ConcurrencyTests {
    @Test func totalsAreExactUnderManyThreads() async throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.counter("c")
        let doubles = try metrics.meter.counter("d", valueType: Double.self)
        let bound = counter.bind(["shared": true])
        let threads = 8
        let perThread = 50_000
        await onThreads(threads) { thread in
            let own = doubles.bind(["thread": .int(Int64(thread % 2))])
            for _ in 0..<perThread {
                bound.add(1)
                own.add(0.5)
            }
            for _ in 0..<1000 { counter.add(1, attributes: ["shared": true]) }
        }
        let snapshot = metrics.collect()
        #expect(try snapshot.counterValue("c", attributes: ["shared": true]) == Double(threads * (perThread + 1000)))
        let halves = try snapshot.counterTotal("d")
        #expect(halves == Double(threads * perThread) / 2)
    }

    @Test func totalsAreExactUnderManyTasks() async throws {
        let metrics = TestMetrics()
        let counter = try metrics.meter.upDownCounter("u")
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<100 {
                group.addTask {
                    let bound = counter.bind(["parity": .int(Int64(task % 2))])
                    for step in 0..<1000 {
                        bound.add(task % 2 == 0 ? 2 : -1)
                        // Yield now and then, so that a hundred busy tasks leave the pool to other tests.
                        if step % 50 == 0 { await Task.yield() }
                    }
                }
            }
        }
        let snapshot = metrics.collect()
        #expect(try snapshot.upDownCounterValue("u", attributes: ["parity": 0]) == 100_000)
        #expect(try snapshot.upDownCounterValue("u", attributes: ["parity": 1]) == -50_000)
    }

    @Test func histogramPointsStayConsistentWhileWritersRun() async throws {
        let metrics = TestMetrics()
        let histogram = try metrics.meter.histogram("h", boundaries: [0.25, 0.5, 0.75])
        let bound = histogram.bind()
        let writers = 4
        let perWriter = 200_000
        async let reads: Void = onThreads(1) { _ in
            for _ in 0..<200 {
                if let point = try? metrics.collect().histogram("h") {
                    // Bucket k only ever receives k/4 + 0.1: a reading is consistent when its sum and bounds agree
                    // with its bucket counts, not only its count.
                    let values = (0..<4).map { Double($0) / 4 + 0.1 }
                    let expectedSum = zip(point.bucketCounts, values).reduce(0.0) { $0 + Double($1.0) * $1.1 }
                    #expect(point.count == point.bucketCounts.reduce(0, +))
                    #expect(abs(point.sum - expectedSum) <= 1e-9 * max(1, expectedSum))
                    if let lowest = point.bucketCounts.firstIndex(where: { $0 > 0 }),
                       let highest = point.bucketCounts.lastIndex(where: { $0 > 0 }) {
                        #expect(point.min! <= values[lowest] && point.max! >= values[highest])
                    }
                }
            }
        }
        await onThreads(writers) { writer in
            for index in 0..<perWriter { bound.record(Double((index + writer) % 4) / 4 + 0.1) }
        }
        await reads
        let point = try metrics.collect().histogram("h")
        #expect(point.count == UInt64(writers * perWriter))
        #expect(point.bucketCounts == [UInt64(writers * perWriter / 4), UInt64(writers * perWriter / 4), UInt64(writers * perWriter / 4), UInt64(writers * perWriter / 4)])
    }
}

/// Runs `body` on `count` threads of its own and returns when all finished. Blocking work stays off Swift
/// concurrency's pool (and Dispatch's, which it shares on Linux), so other tests keep their threads.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let remaining = MutexBox(count)
        for index in 0..<count {
            Thread {
                body(index)
                if remaining.withLock({ value -> Int in
                    value -= 1
                    return value
                }) == 0 {
                    continuation.resume()
                }
            }.start()
        }
    }
}
