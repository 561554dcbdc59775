import CoreMetrics
@_spi(Bridging) import Vernier

/// A swift-metrics backend that records onto Vernier instruments, so that the metrics Vapor, Hummingbird,
/// SwiftNIO and other libraries emit through swift-metrics are exported with the application's own.
///
/// `MetricsSystem.bootstrap(VernierMetricsFactory(meterProvider: provider))` is all a service needs. Each
/// swift-metrics type maps onto the OpenTelemetry instrument with its meaning:
///
/// | swift-metrics | Vernier |
/// |---|---|
/// | `Counter` | integer `Counter` |
/// | `FloatingPointCounter` | double `Counter` |
/// | `Meter` | double `UpDownCounter` (a non-monotonic sum; `set` replaces its total) |
/// | `Recorder(aggregate: true)` | double `Histogram` with the OpenTelemetry default boundaries |
/// | `Recorder(aggregate: false)`, `Gauge` | double `Gauge` |
/// | `Timer` | double `Histogram` in seconds with `timerBoundaries` |
///
/// The label is the instrument name and the dimensions become string attributes, so names translate to
/// Prometheus exactly as native instruments do (`http.server.request.duration` becomes
/// `http_server_request_duration_seconds`). A `View` on the instrument name overrides a timer's boundaries
/// or anything else about it. Every handler is bound to its series when created: recording takes no lock,
/// allocates nothing and looks nothing up.
public final class VernierMetricsFactory: MetricsFactory, Sendable {
    /// The boundaries, in seconds, of timers unless a view says otherwise: OpenTelemetry's advice for
    /// `http.server.request.duration`, which suits most request and job durations.
    public static let defaultTimerBoundaries = HistogramBoundaries.durationSeconds

    private let meter: Vernier.Meter
    private let timerBoundaries: [Double]
    private let counters = HandlerCache<any CounterHandler>()
    private let floatingPointCounters = HandlerCache<any FloatingPointCounterHandler>()
    private let meters = HandlerCache<any MeterHandler>()
    private let recorders = HandlerCache<any RecorderHandler>()
    private let gauges = HandlerCache<any RecorderHandler>()
    private let timers = HandlerCache<any TimerHandler>()

    /// Creates a backend recording into `meterProvider` under the instrumentation scope `scopeName`.
    ///
    /// `timerBoundaries` are the bucket boundaries of every `Timer`, in seconds; invalid ones (unsorted, not
    /// finite) fall back to `defaultTimerBoundaries` with a warning.
    public init(
        meterProvider: MeterProvider, scopeName: String = "swift-metrics",
        timerBoundaries: [Double] = VernierMetricsFactory.defaultTimerBoundaries
    ) {
        meter = meterProvider.meter(scopeName)
        self.timerBoundaries = timerBoundaries
    }

    /// An integer counter series: the label names the instrument, the dimensions its attributes.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        counters.handler(label: label, dimensions: dimensions) {
            let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
            return series.make(or: NOOPMetricsHandler.instance) { try CounterBridge(counter: meter.counter(series.name, valueType: Int.self), attributes: series.attributes) }
        }
    }

    /// A double counter series.
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        floatingPointCounters.handler(label: label, dimensions: dimensions) {
            let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
            return series.make(or: NOOPMetricsHandler.instance) { try CounterBridge(counter: meter.counter(series.name, valueType: Double.self), attributes: series.attributes) }
        }
    }

    /// A series of a double up-down counter, whose `set` replaces the total.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        meters.handler(label: label, dimensions: dimensions) {
            let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
            return series.make(or: NOOPMetricsHandler.instance) { try MeterBridge(counter: meter.upDownCounter(series.name, valueType: Double.self), attributes: series.attributes) }
        }
    }

    /// A histogram series when `aggregate`, a gauge series otherwise.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        if aggregate {
            return recorders.handler(label: label, dimensions: dimensions) {
                let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
                return series.make(or: NOOPMetricsHandler.instance) { try RecorderBridge(meter.histogram(series.name), attributes: series.attributes) }
            }
        }
        return gauges.handler(label: label, dimensions: dimensions) {
            let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
            return series.make(or: NOOPMetricsHandler.instance) { try RecorderBridge(meter.gauge(series.name), attributes: series.attributes) }
        }
    }

    /// A series of a histogram in seconds with the timer boundaries.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        timers.handler(label: label, dimensions: dimensions) {
            let series = SwiftMetricsSeries(label: label, dimensions: dimensions)
            return series.make(or: NOOPMetricsHandler.instance) {
                let histogram: Vernier.Histogram<Double>
                do {
                    histogram = try meter.histogram(series.name, unit: "s", boundaries: timerBoundaries)
                } catch VernierError.invalidBoundaries(_, let reason) {
                    Diagnostics.warn("swift-metrics timer '\(label)': \(reason); using the default timer boundaries")
                    histogram = try meter.histogram(series.name, unit: "s", boundaries: Self.defaultTimerBoundaries)
                }
                return RecorderBridge(histogram, attributes: series.attributes)
            }
        }
    }

    /// Stops reporting the handler's series; its next measurement starts it again.
    public func destroyCounter(_ handler: any CounterHandler) { destroy(handler, in: counters) }
    /// Stops reporting the handler's series.
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { destroy(handler, in: floatingPointCounters) }
    /// Stops reporting the handler's series.
    public func destroyMeter(_ handler: any MeterHandler) { destroy(handler, in: meters) }
    /// Stops reporting the handler's series.
    public func destroyRecorder(_ handler: any RecorderHandler) {
        destroy(handler, in: recorders)
        gauges.remove(handler)
    }
    /// Stops reporting the handler's series.
    public func destroyTimer(_ handler: any TimerHandler) { destroy(handler, in: timers) }

    /// Forgets the handler and stops reporting its series; the series starts again with its next handler.
    private func destroy<Handler: Sendable>(_ handler: AnyObject, in cache: HandlerCache<Handler>) {
        cache.remove(handler)
        (handler as? any SeriesBridge)?.removeSeries()
    }
}
