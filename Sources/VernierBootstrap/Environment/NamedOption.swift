import Vernier
import VernierOTLP

/// A setting chosen from a fixed list by the name an environment variable gives it.
protocol NamedOption {
    /// The name, in lowercase, as the variable takes it.
    var name: String { get }
    /// Every choice, in the order warnings list them.
    static var all: [Self] { get }
}

extension VernierConfiguration.Metrics.ExporterSelection: NamedOption {}
extension VernierConfiguration.Traces.ExporterSelection: NamedOption {}
extension OTLPExporterConfiguration.Compression: NamedOption {}
extension OTLPExporterConfiguration.ExportProtocol: NamedOption {}
extension ExemplarFilter: NamedOption {}

extension TemporalityPreference: NamedOption {
    var name: String { rawValue }
    static var all: [TemporalityPreference] { [.cumulative, .delta, .lowMemory] }
}

extension DefaultHistogramAggregation: NamedOption {
    var name: String { rawValue }
    static var all: [DefaultHistogramAggregation] { [.explicitBucketHistogram, .base2ExponentialBucketHistogram] }
}
