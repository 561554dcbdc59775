// The sample of the Prometheus bridge article, apart from the other samples because swift-prometheus's `Counter`
// and `Gauge` would hide Vernier's there.

import Prometheus
import Vernier
import VernierOTLP
import VernierPrometheusBridge

// Bringing Prometheus metrics in: a swift-prometheus registry. (Sources/Vernier/Vernier.docc/PrometheusBridge.md)
func bridgeRegistry() {
    let registry = PrometheusCollectorRegistry()
    let otlp = PeriodicMetricReader(exporter: OTLPMetricExporter(), producers: [PrometheusRegistryProducer(registry)])
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [otlp])
}
