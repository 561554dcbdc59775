import Vernier
import VernierOTLP
import VernierRemoteWrite

extension VernierConfiguration {
    /// What is measured and where metrics go: the Prometheus scrape endpoint, OTLP, remote-write, Pushgateway
    /// and console pushes, and what every instrument produces.
    public struct Metrics: Sendable {
        /// The exporters that read the metrics.
        ///
        /// `OTEL_METRICS_EXPORTER` (`prometheus`, `otlp`, `console`, `none`; a comma-separated list); default
        /// `[.prometheus]`. Remote write is turned on by `remoteWrite`, not here.
        public var exporters: [ExporterSelection]
        /// Where the `prometheus` exporter answers scrapes.
        public var prometheus: PrometheusEndpoint
        /// Where and how the `otlp` exporter pushes; `OTLPExporterConfiguration` names its variables
        /// (`OTEL_EXPORTER_OTLP_*` and `OTEL_EXPORTER_OTLP_METRICS_*`); default `http://localhost:4318/v1/metrics`
        /// in `http/protobuf`.
        public var otlp: OTLPExporterConfiguration
        /// The temporality the `otlp` exporter asks for.
        ///
        /// `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` (`cumulative`, `delta`, `lowmemory`); default `.cumulative`.
        public var temporalityPreference: TemporalityPreference
        /// How often the `otlp` and `console` exporters push.
        ///
        /// `OTEL_METRIC_EXPORT_INTERVAL` (milliseconds); default 60 s.
        public var exportInterval: Duration
        /// How long one `otlp` or `console` push may take.
        ///
        /// `OTEL_METRIC_EXPORT_TIMEOUT` (milliseconds); default 30 s.
        public var exportTimeout: Duration
        /// Remote-write push, on when set.
        ///
        /// `VERNIER_REMOTE_WRITE_URL` sets the URL (and turns it on), `VERNIER_REMOTE_WRITE_QUEUE_DIR` the on-disk
        /// queue and `VERNIER_REMOTE_WRITE_MAX_SHARDS` the most shards; default off.
        public var remoteWrite: RemoteWriteConfiguration?
        /// How often remote write pushes.
        ///
        /// `VERNIER_REMOTE_WRITE_INTERVAL` (seconds); default 15 s.
        public var remoteWriteInterval: Duration
        /// Pushgateway push, on when set: once at shutdown, and on `pushInterval` if it has one.
        ///
        /// `VERNIER_PUSHGATEWAY_URL` sets the URL and turns it on, pushing the group `job` named by the resource's
        /// `service.name`; default off.
        public var pushgateway: PushgatewayConfiguration?
        /// Changes to what instruments produce, such as other histogram boundaries for one metric. No variable;
        /// default none.
        public var views: [View]
        /// The most series per metric stream where no view says otherwise, the overflow series included. No
        /// variable; default 2000.
        public var cardinalityLimit: Int
        /// How long one observable instrument's callbacks may take in a collection; past it the collection goes
        /// on without that instrument, counted in `vernier.sdk.callback.timeouts`. No variable; default 5 s.
        public var callbackTimeout: Duration
        /// Which measurements may become exemplars.
        ///
        /// `OTEL_METRICS_EXEMPLAR_FILTER` (`trace_based`, `always_on`, `always_off`); default `.traceBased`.
        public var exemplarFilter: ExemplarFilter
        /// The aggregation of histograms no view changes, for every exporter.
        ///
        /// `OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION` (`explicit_bucket_histogram`,
        /// `base2_exponential_bucket_histogram`); default `.explicitBucketHistogram`.
        public var defaultHistogramAggregation: DefaultHistogramAggregation

        /// Creates a metrics configuration; every argument has the default its property documents.
        public init(
            exporters: [ExporterSelection] = [.prometheus],
            prometheus: PrometheusEndpoint = PrometheusEndpoint(),
            otlp: OTLPExporterConfiguration = OTLPExporterConfiguration(),
            temporalityPreference: TemporalityPreference = .cumulative,
            exportInterval: Duration = .seconds(60),
            exportTimeout: Duration = .seconds(30),
            remoteWrite: RemoteWriteConfiguration? = nil,
            remoteWriteInterval: Duration = .seconds(15),
            pushgateway: PushgatewayConfiguration? = nil,
            views: [View] = [],
            cardinalityLimit: Int = 2000,
            callbackTimeout: Duration = .seconds(5),
            exemplarFilter: ExemplarFilter = .traceBased,
            defaultHistogramAggregation: DefaultHistogramAggregation = .explicitBucketHistogram
        ) {
            self.exporters = exporters
            self.prometheus = prometheus
            self.otlp = otlp
            self.temporalityPreference = temporalityPreference
            self.exportInterval = exportInterval
            self.exportTimeout = exportTimeout
            self.remoteWrite = remoteWrite
            self.remoteWriteInterval = remoteWriteInterval
            self.pushgateway = pushgateway
            self.views = views
            self.cardinalityLimit = cardinalityLimit
            self.callbackTimeout = callbackTimeout
            self.exemplarFilter = exemplarFilter
            self.defaultHistogramAggregation = defaultHistogramAggregation
        }
    }
}
