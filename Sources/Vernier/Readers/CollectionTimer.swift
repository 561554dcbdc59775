/// Times a reader's collections into `otel.sdk.metric_reader.collection.duration`, attributed with the reader's
/// `otel.component.type` and `otel.component.name`.
package final class CollectionTimer: Sendable {
    private let duration: BoundHistogram<Double>?

    /// Creates the histogram on `meter`; when it cannot be, collections go untimed and a warning says why.
    package init(meter: Meter, component: SDKComponent) {
        do {
            duration = try meter.sdkReaderCollectionDuration().bind(component.attributes)
        } catch {
            Diagnostics.warn("\(component.name) does not time its collections: \(error)")
            duration = nil
        }
    }

    /// Runs `collect` and records how long it took.
    package func collect(_ collect: () -> MetricsSnapshot) -> MetricsSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let snapshot = collect()
        duration?.record(start.duration(to: clock.now) / .seconds(1))
        return snapshot
    }
}
