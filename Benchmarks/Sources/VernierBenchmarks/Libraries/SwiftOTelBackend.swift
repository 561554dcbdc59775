#if canImport(OTel)
import CoreMetrics
import OTel

/// swift-otel's metrics backend, which a program reaches only through swift-metrics.
enum SwiftOTelBackend {
    /// A fresh backend exporting nowhere; its export service is never started, so it only aggregates.
    /// Histograms named `Fixtures.histogramName` get `Fixtures.boundaries`.
    static func makeFactory() throws -> any MetricsFactory {
        var configuration = OTel.Configuration.default
        configuration.metrics.exporter = .none
        configuration.metrics.valueHistogramBuckets = [Fixtures.histogramName: Fixtures.boundaries]
        return try OTel.makeMetricsBackend(configuration: configuration).factory
    }
}
#endif
