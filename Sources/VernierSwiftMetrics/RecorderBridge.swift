import CoreMetrics
import Vernier

/// A swift-metrics recorder bound to one series: `Recorder(aggregate: true)` and `Timer` over a histogram,
/// `Gauge` and `Recorder(aggregate: false)` over a gauge, whose last value is the one exported.
final class RecorderBridge<Instrument: RecordingInstrument>: RecorderHandler, SeriesBridge, Sendable {
    private let instrument: Instrument
    private let attributes: Attributes
    private let series: Instrument.Series

    init(_ instrument: Instrument, attributes: Attributes) {
        self.instrument = instrument
        self.attributes = attributes
        series = instrument.bind(attributes)
    }

    func record(_ value: Int64) {
        Instrument.record(Double(value), into: series)
    }

    func record(_ value: Double) {
        Instrument.record(value, into: series)
    }

    func removeSeries() {
        instrument.removeSeries(attributes)
    }
}

extension RecorderBridge: TimerHandler where Instrument == Vernier.Histogram<Double> {
    /// Records the duration in seconds, the OpenTelemetry unit of durations.
    func recordNanoseconds(_ duration: Int64) {
        Instrument.record(Double(duration) / 1e9, into: series)
    }
}

/// A Vernier instrument a swift-metrics recorder can write doubles to through a bound series.
protocol RecordingInstrument: Sendable {
    associatedtype Series: Sendable
    func bind(_ attributes: Attributes) -> Series
    func removeSeries(_ attributes: Attributes)
    static func record(_ value: Double, into series: Series)
}

extension Vernier.Histogram<Double>: RecordingInstrument {
    static func record(_ value: Double, into series: BoundHistogram<Double>) {
        series.record(value)
    }
}

extension Vernier.Gauge<Double>: RecordingInstrument {
    static func record(_ value: Double, into series: BoundGauge<Double>) {
        series.record(value)
    }
}
