import CoreMetrics

/// A job queue that knows only swift-metrics, as Vapor, Hummingbird and SwiftNIO libraries do: it records
/// through whatever `MetricsFactory` it is given, one metric of every swift-metrics kind.
public struct JobQueue: Sendable {
    private let processed: Counter
    private let revenue: FloatingPointCounter
    private let inFlight: Meter
    private let payloadSize: Recorder
    private let depth: Gauge
    private let duration: Timer

    /// The queue `name`, recording through `factory`.
    public init(name: String, factory: any MetricsFactory) {
        let dimensions = [("queue", name)]
        processed = Counter(label: "jobs.processed", dimensions: dimensions, factory: factory)
        revenue = FloatingPointCounter(label: "jobs.revenue", dimensions: dimensions, factory: factory)
        inFlight = Meter(label: "jobs.in_flight", dimensions: dimensions, factory: factory)
        payloadSize = Recorder(label: "jobs.payload.size", dimensions: dimensions, aggregate: true, factory: factory)
        depth = Gauge(label: "jobs.queue.depth", dimensions: dimensions, factory: factory)
        duration = Timer(label: "jobs.duration", dimensions: dimensions, factory: factory)
    }

    /// Records one job: its revenue, payload size and how long it ran, with the queue depth left behind.
    public func complete(revenue amount: Double, payloadBytes: Int, nanoseconds: Int64, depthAfter: Int) {
        inFlight.increment()
        processed.increment()
        revenue.increment(by: amount)
        payloadSize.record(payloadBytes)
        duration.recordNanoseconds(nanoseconds)
        depth.record(depthAfter)
        inFlight.decrement()
    }

    /// Sets how many jobs are running now, as a library that tracks it itself would.
    public func setInFlight(_ count: Int) {
        inFlight.set(count)
    }

    /// Resets the processed counter, as swift-metrics allows.
    public func resetProcessed() {
        processed.reset()
    }

    /// Stops reporting every metric of this queue.
    public func destroy() {
        processed.destroy()
        revenue.destroy()
        inFlight.destroy()
        payloadSize.destroy()
        depth.destroy()
        duration.destroy()
    }
}
