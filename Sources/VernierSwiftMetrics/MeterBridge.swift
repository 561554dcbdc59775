import CoreMetrics
@_spi(Bridging) import Vernier

/// A swift-metrics `Meter` bound to one series of a double up-down counter: a value that goes up and down,
/// exported as a non-monotonic sum so that it adds up across instances.
final class MeterBridge: MeterHandler, SeriesBridge, Sendable {
    private let counter: UpDownCounter<Double>
    private let attributes: Attributes
    private let series: BoundUpDownCounter<Double>

    init(counter: UpDownCounter<Double>, attributes: Attributes) {
        self.counter = counter
        self.attributes = attributes
        series = counter.bind(attributes)
    }

    func set(_ value: Int64) {
        series.set(Double(value))
    }

    func set(_ value: Double) {
        series.set(value)
    }

    func increment(by amount: Double) {
        series.add(amount)
    }

    func decrement(by amount: Double) {
        series.add(-amount)
    }

    func removeSeries() {
        counter.removeSeries(attributes)
    }
}
