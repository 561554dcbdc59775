import Vernier

/// A fresh Vernier provider in one of the configurations the table compares.
struct VernierInstance: Sendable {
    /// The configurations, each a row of the table.
    enum Variant: Sendable {
        /// `MeterProvider(resource:readers:)` with nothing else changed: what users get.
        case defaults
        /// As `defaults`, with `exemplarFilter: .alwaysOff`.
        case exemplarsOff
        /// A provider with no reader.
        case noReader

        var library: Library {
            switch self {
            case .defaults: .vernier
            case .exemplarsOff: .vernierExemplarsOff
            case .noReader: .vernierNoReader
            }
        }
    }

    let provider: MeterProvider
    let meter: Meter
    /// The provider's pull reader; collects nothing for `noReader`, whose provider does not know it.
    let reader: PullMetricReader

    /// - Parameter seriesLimit: The provider's cardinality limit; the default is Vernier's.
    init(_ variant: Variant, seriesLimit: Int = 2000) {
        reader = PullMetricReader()
        let resource = Resource(serviceName: "bench")
        provider = switch variant {
        case .defaults: MeterProvider(resource: resource, readers: [reader], cardinalityLimit: seriesLimit)
        case .exemplarsOff: MeterProvider(resource: resource, readers: [reader], exemplarFilter: .alwaysOff, cardinalityLimit: seriesLimit)
        case .noReader: MeterProvider(resource: resource, cardinalityLimit: seriesLimit)
        }
        meter = provider.meter("bench")
    }
}
