import Vernier

/// Creates the sampler's observable instruments on one meter.
///
/// An instrument the meter refuses is left out, and a callback whose reading fails reports nothing at that
/// collection; either way the reason is logged once and the other metrics carry on.
struct InstrumentRegistrar {
    /// How an observable instrument's values add up.
    enum Kind {
        /// A total that only grows, such as CPU seconds.
        case counter
        /// A current amount that can go down, such as open file descriptors.
        case upDownCounter
        /// A current value that is not an amount, such as a start time.
        case gauge
    }

    let meter: Meter
    let problems: ProblemLog

    /// Registers `observe` as the callback of a `kind` instrument; it reads its source and reports the values,
    /// throwing when the source cannot be read.
    func register<Value: MeasurementValue>(
        _ kind: Kind, _ name: String, unit: String, description: String, valueType: Value.Type = Value.self,
        observe: @escaping @Sendable (Observer<Value>) throws -> Void
    ) {
        let problems = problems
        let callback: @Sendable (Observer<Value>) -> Void = { observer in
            do {
                try observe(observer)
            } catch {
                problems.reportOnce(key: name, "\(name) left out: \(error)")
            }
        }
        do {
            switch kind {
            case .counter:
                try meter.observableCounter(name, unit: unit, description: description, callback: callback)
            case .upDownCounter:
                try meter.observableUpDownCounter(name, unit: unit, description: description, callback: callback)
            case .gauge:
                try meter.observableGauge(name, unit: unit, description: description, callback: callback)
            }
        } catch {
            problems.reportOnce(key: name, "\(name) left out: \(error)")
        }
    }

    /// Creates a histogram, or leaves it out with the reason logged once.
    func histogram(_ name: String, unit: String, description: String, boundaries: [Double]) -> Histogram<Double>? {
        do {
            return try meter.histogram(name, unit: unit, description: description, boundaries: boundaries)
        } catch {
            problems.reportOnce(key: name, "\(name) left out: \(error)")
            return nil
        }
    }
}
