import CoreMetrics
@_spi(Bridging) import Vernier

/// A swift-metrics `Counter` (over `Int`) or `FloatingPointCounter` (over `Double`) bound to one counter series.
final class CounterBridge<Value: MeasurementValue>: SeriesBridge, _SwiftMetricsSendableProtocol {
    private let counter: Vernier.Counter<Value>
    private let attributes: Attributes
    private let series: BoundCounter<Value>

    init(counter: Vernier.Counter<Value>, attributes: Attributes) {
        self.counter = counter
        self.attributes = attributes
        series = counter.bind(attributes)
    }

    /// Sets the series back to zero; readers see a counter reset.
    func reset() {
        series.reset()
    }

    func removeSeries() {
        counter.removeSeries(attributes)
    }
}

extension CounterBridge: CounterHandler where Value == Int {
    func increment(by amount: Int64) {
        series.add(Int(amount))
    }
}

extension CounterBridge: FloatingPointCounterHandler where Value == Double {
    func increment(by amount: Double) {
        series.add(amount)
    }
}
