// The swift-metrics sample of the "Instruments and views" article, apart from the others: swift-metrics' `Counter`,
// `Meter` and `Gauge` would make Vernier's ambiguous there.

import CoreMetrics
import Vernier
import VernierSwiftMetrics

// Instruments and views: the swift-metrics backend. (Sources/Vernier/Vernier.docc/InstrumentsAndViews.md)
func instrumentsSwiftMetrics(provider: MeterProvider) {
    MetricsSystem.bootstrap(VernierMetricsFactory(meterProvider: provider))
}
