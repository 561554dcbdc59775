extension VernierConfiguration.Metrics {
    /// Where the `prometheus` exporter answers scrapes: its own `/metrics` listener, or the application's HTTP server.
    public struct PrometheusEndpoint: Sendable, Hashable {
        /// The address the listener binds.
        ///
        /// `OTEL_EXPORTER_PROMETHEUS_HOST`; default `localhost`.
        public var host: String
        /// The port of the listener, 0 for any free port.
        ///
        /// `OTEL_EXPORTER_PROMETHEUS_PORT`; default 9464.
        public var port: Int
        /// Whether the exporter listens on its own port; when false, serve `VernierService.scrapeHandler` from the
        /// application's HTTP server (a Vapor or Hummingbird route) instead. No variable; default `true`.
        public var startsServer: Bool

        /// Creates an endpoint; every argument has the default its property documents.
        public init(host: String = "localhost", port: Int = 9464, startsServer: Bool = true) {
            self.host = host
            self.port = port
            self.startsServer = startsServer
        }
    }
}
