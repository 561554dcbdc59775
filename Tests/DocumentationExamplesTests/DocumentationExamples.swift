// The Swift samples of README.md and the Vernier catalog's articles, each in a function (or at file scope) so that
// it compiles with the package: a renamed API breaks this build rather than the documentation. The functions are
// never called. `DocumentationSamplesTests` checks that every sample appears here verbatim; the imports a sample
// starts with are at the top of this file.

import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Tracing
import Vernier
import VernierBootstrap
import VernierHTTP
import VernierHTTPNIO
import VernierLogging
import VernierOTLP
import VernierPrometheus
import VernierRemoteWrite
import VernierRuntime
import VernierServer
import VernierSwiftMetrics
import VernierTracing

// README: be scraped at /metrics. (README.md)
func readmeScrape(logger: Logger) async throws {
    let vernier = VernierService.bootstrap(VernierConfiguration(resource: Resource(serviceName: "shop", serviceVersion: "1.2.0")))
    let orders = try vernier.meter("shop.checkout").counter("shop.orders", unit: "{order}")
    orders.add(1, attributes: ["payment.method": "card"])

    let group = ServiceGroup(services: [vernier], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    try await group.run()
}

// README: push to an OpenTelemetry collector. (README.md)
func readmeOTLP() {
    var configuration = VernierConfiguration(resource: Resource(serviceName: "shop"))
    configuration.metrics.exporters = [.otlp]
    configuration.metrics.otlp.endpoint = "http://collector:4318"
    configuration.traces.exporters = [.otlp]
    configuration.traces.otlp = configuration.metrics.otlp
    let vernier = VernierService.bootstrap(configuration)
}

// README: remote-write to a store. (README.md)
func readmeRemoteWrite(token: String) {
    var configuration = VernierConfiguration(resource: Resource(serviceName: "shop", serviceInstanceID: "shop-1"))
    configuration.metrics.remoteWrite = RemoteWriteConfiguration(
        url: "http://prometheus:9090/api/v1/write",
        authorization: .bearer(token: token),
        queueDirectory: "/var/lib/shop/remote-write")
    let vernier = VernierService.bootstrap(configuration)
}

// README: record business metrics. (README.md)
func readmeBusinessMetrics(provider: MeterProvider) throws {
    let meter = provider.meter("shop.checkout", version: "1.2.0")
    let orders = try meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
    let checkoutDuration = try meter.histogram("shop.checkout.duration", unit: "s")
    let cartCheckouts = try meter.upDownCounter("shop.checkouts.active", unit: "{checkout}").bind(["payment.method": "card"])

    cartCheckouts.add(1)
    orders.add(1, attributes: ["payment.method": "card", "status": "paid"])
    checkoutDuration.record(0.042, attributes: ["payment.method": "card"])
    cartCheckouts.add(-1)
}

// Configuration: settings in code. (Sources/Vernier/Vernier.docc/Configuration.md)
func configurationInCode(key: String) {
    var configuration = VernierConfiguration(resource: Resource(serviceName: "shop", serviceVersion: "1.2.0"))
    configuration.metrics.exporters = [.prometheus, .otlp]
    configuration.metrics.otlp = OTLPExporterConfiguration(endpoint: "https://collector:4318", headers: [("api-key", key)])
    configuration.metrics.exportInterval = .seconds(15)
    configuration.traces.exporters = [.otlp]
    configuration.traces.otlp = configuration.metrics.otlp                 // /v1/traces on the same collector
    configuration.traces.sampler = ParentBasedSampler(root: TraceIDRatioSampler(ratio: 0.1))
    let vernier = VernierService.bootstrap(configuration)
}

// Getting started: one call for a service. (Sources/Vernier/Vernier.docc/GettingStarted.md)
func gettingStartedOneCall(app: any Service, logger: Logger) async throws {
    let vernier = VernierService.bootstrap(VernierConfiguration(resource: Resource(serviceName: "shop", serviceVersion: "1.2.0")))
    let orders = try vernier.meter("shop.checkout").counter("shop.orders", unit: "{order}")

    let group = ServiceGroup(services: [vernier, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    try await group.run()
}

// Getting started: a library's instruments. (Sources/Vernier/Vernier.docc/GettingStarted.md)
public struct PaymentClient {
    private let charges: Counter<Int>

    public init(meterProvider: MeterProvider) throws {
        charges = try meterProvider.meter("payment.client", version: "2.0.0").counter("payment.charges", unit: "{charge}")
    }

    public func charge(method: String) {
        charges.add(1, attributes: ["payment.method": .string(method)])
    }
}

// Getting started: scrapes through a framework's route. (Sources/Vernier/Vernier.docc/GettingStarted.md)
func gettingStartedFrameworkRoute(headers: [(name: String, value: String)]) async {
    var configuration = VernierConfiguration(resource: Resource(serviceName: "shop"))
    configuration.metrics.prometheus.startsServer = false   // scrapes go through the app's own port
    configuration.bootstraps.swiftLog = false               // the framework bootstraps swift-log itself
    let vernier = VernierService.bootstrap(configuration)

    // In the framework's GET /metrics route, with the request's headers as (name, value) pairs:
    let scrape = await vernier.scrapeHandler!.handle(ScrapeRequest(method: "GET", path: "/metrics", headers: headers))
    // Answer with scrape.status, scrape.headers and scrape.body.
}

// HTTP server instrumentation: any framework. (Sources/Vernier/Vernier.docc/HTTPServerInstrumentation.md)
func httpServerMetrics(provider: MeterProvider) throws {
    let metrics = try HTTPServerMetrics(meter: provider.meter("shop.api"))
    let routes = HTTPRouteTemplates(["/products/{id}", "/checkout"])

    let request = metrics.requestStarted(method: "GET")
    // ... answer the request ...
    request.finish(route: routes.route(for: "/products/42"), statusCode: 200)
}

// HTTP server instrumentation: a SwiftNIO pipeline. (Sources/Vernier/Vernier.docc/HTTPServerInstrumentation.md)
func httpServerPipeline(meter: Meter, tracer: any Tracer, handler: @escaping @Sendable () -> any ChannelHandler) async throws {
    let connections = HTTPConnectionGuard(serverName: "api", meter: meter)
    let instrumentation = HTTPServerInstrumentationHandler.Configuration(
        metrics: try HTTPServerMetrics(meter: meter), routes: HTTPRouteTemplates(["/products/{id}"]), tracer: tracer)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelInitializer { connections.configureServerChannel($0) }
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                guard try connections.configureConnection(channel) else { return }
                try channel.pipeline.syncOperations.addHandler(HTTPServerInstrumentationHandler(configuration: instrumentation))
                try channel.pipeline.syncOperations.addHandler(handler())
            }
        }
        .bind(host: "0.0.0.0", port: 8080).get()
}

// Instruments and views: the tour. (Sources/Vernier/Vernier.docc/InstrumentsAndViews.md)
func instrumentsTour() throws -> (snapshot: MetricsSnapshot, reader: PullMetricReader) {
    let scrape = PullMetricReader()
    let provider = MeterProvider(
        resource: Resource(serviceName: "shop", serviceVersion: "1.2.0"),
        views: [
            View(instrumentName: "http.server.*", attributeKeys: ["http.route", "http.request.method"]),
            View(instrumentName: "shop.cart.value", aggregation: .base2ExponentialHistogram()),
        ],
        readers: [scrape]
    )
    let meter = provider.meter("shop.checkout", version: "1.2.0")

    let orders = try meter.counter("shop.orders", unit: "{order}", description: "Orders placed")
    let revenue = try meter.counter("shop.revenue", unit: "USD", valueType: Double.self)
    let inFlight = try meter.upDownCounter("shop.checkouts.active", unit: "{checkout}")
    let latency = try meter.histogram("shop.checkout.duration", unit: "s", boundaries: [0.01, 0.05, 0.1, 0.5, 1])
    let cartValue = try meter.histogram("shop.cart.value", unit: "USD")
    let temperature = try meter.gauge("shop.freezer.temperature", unit: "Cel")
    let inventory = try meter.observableGauge("shop.inventory.level", unit: "{item}") { (observer: Observer<Int>) in
        observer.observe(42, attributes: ["sku": "A-1"])
    }

    orders.add(1, attributes: ["payment.method": "card", "status": "paid"])
    revenue.add(19.99)
    let cardCheckouts = inFlight.bind(["payment.method": "card"])   // resolved once: no lock, no lookup, no allocation
    cardCheckouts.add(1)
    latency.record(0.042, attributes: ["payment.method": "card"])
    cartValue.record(57.5)
    temperature.record(-18.5)
    cardCheckouts.add(-1)

    let snapshot: MetricsSnapshot = scrape.collect()   // what every exporter reads
    inventory.unregister()
    return (snapshot, scrape)
}

// Instruments and views: views. (Sources/Vernier/Vernier.docc/InstrumentsAndViews.md)
func instrumentsViews() {
    let views = [
        View(instrumentName: "shop.product.views", attributeKeys: ["product.id"], cardinalityLimit: 100),
        View(instrumentName: "http_request_duration_seconds", aggregation: .explicitBucketHistogram(boundaries: [0.1, 0.5, 1])),
        View.drop(instrumentName: "shop.debug.*"),
    ]
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), views: views, readers: [PullMetricReader()])
}

// OTLP: both exporters. (Sources/Vernier/Vernier.docc/OTLP.md)
func otlpExporters(key: String) {
    let otlp = OTLPExporterConfiguration(
        endpoint: "https://collector:4318",             // metrics go to /v1/metrics, spans to /v1/traces
        headers: [("api-key", key)], exportProtocol: .httpProtobuf, compression: .gzip)
    let reader = PeriodicMetricReader(exporter: OTLPMetricExporter(configuration: otlp, temporalityPreference: .delta))
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
    let spans = BatchSpanProcessor(exporter: OTLPSpanExporter(configuration: otlp))
    // Run `reader` and `spans` in a ServiceGroup: on shutdown they export once more.
}

// Prometheus endpoint: the /metrics server. (Sources/Vernier/Vernier.docc/PrometheusEndpoint.md)
func prometheusServer(logger: Logger) async throws {
    let reader = PullMetricReader()
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
    let orders = try provider.meter("shop.checkout").counter("shop.orders", unit: "{order}", description: "Orders placed")
    orders.add(1, attributes: ["payment.method": "card"])

    let server = MetricsServer(port: 9464, reader: reader)   // GET/HEAD /metrics, /healthz; a ServiceLifecycle Service
    try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
}

// Batch jobs and the Pushgateway. (Sources/Vernier/Vernier.docc/Pushgateway.md)
func pushgatewayBatchJob() async throws {
    var configuration = VernierConfiguration(resource: Resource(serviceName: "nightly-report"))
    configuration.metrics.exporters = []
    configuration.metrics.pushgateway = PushgatewayConfiguration(
        url: "http://pushgateway:9091", job: "nightly-report", groupingKey: [("instance", "reports-1")])
    let vernier = VernierService.bootstrap(configuration)
    let reports = try vernier.meter("nightly-report").counter("reports.done", unit: "{report}")
    reports.add(7)
    await vernier.meterProvider.shutdown()   // the one push: PUT /metrics/job/nightly-report/instance/reports-1
}

// Remote write: the exporter. (Sources/Vernier/Vernier.docc/RemoteWrite.md)
func remoteWriteExporter(token: String) {
    let exporter = RemoteWriteExporter(configuration: RemoteWriteConfiguration(
        url: "http://localhost:9090/api/v1/write",   // Prometheus with --web.enable-remote-write-receiver, Mimir, Thanos, VictoriaMetrics
        authorization: .bearer(token: token),
        externalLabels: [("cluster", "eu-1")],
        queueDirectory: "/var/lib/shop/remote-write"  // optional: batches survive a restart while the store is down
    ))
    let pusher = PeriodicMetricReader(exporter: exporter, interval: .seconds(15))
    let provider = MeterProvider(resource: Resource(serviceName: "shop", serviceInstanceID: "shop-1"), readers: [pusher])
    // Run `pusher` in a ServiceGroup: on shutdown it pushes once more and delivers the queue.
}

// Remote write: Mimir. (Sources/Vernier/Vernier.docc/RemoteWrite.md)
func remoteWriteMimir(password: String) {
    let mimir = RemoteWriteConfiguration(
        url: "https://mimir.example.com/api/v1/push",
        authorization: .basic(username: "shop", password: password),
        headers: [("X-Scope-OrgID", "shop")])
}

// Runtime metrics: the sampler. (Sources/Vernier/Vernier.docc/RuntimeMetrics.md)
func runtimeSampler(provider: MeterProvider) {
    let runtime = RuntimeSampler(
        meterProvider: provider,                                  // interval: .seconds(5) by default
        lagProbes: [.nioSingleton, .globalConcurrencyExecutor]    // or .eventLoops(of: yourGroup)
    )
    // In the ServiceGroup next to the server: run() probes event-loop lag until graceful shutdown.
}

// Tracing and log correlation: tracer, exemplars and logs. (Sources/Vernier/Vernier.docc/TracingAndLogs.md)
func tracingAndLogs(provider: MeterProvider, latency: Histogram<Double>, logger: Logger) async throws {
    let spans = BatchSpanProcessor(exporter: OTLPSpanExporter(configuration: OTLPExporterConfiguration(endpoint: "http://collector:4318")))
    let tracer = VernierTracer(resource: provider.resource, processors: [spans])   // parentbased_always_on sampler
    InstrumentationSystem.bootstrap(tracer)
    LoggingSystem.bootstrap({ StreamLogHandler.standardOutput(label: $0, metadataProvider: $1) }, metadataProvider: .vernierTrace())

    tracer.withSpan("checkout") { _ in
        latency.record(0.12)           // the exemplar carries this span's trace and span id
        logger.info("charged")         // trace_id=… span_id=… trace_flags=01
    }
    // In a ServiceGroup: the BatchSpanProcessor exports every 5 s and flushes on shutdown.
}

// Tracing and log correlation: counting log records. (Sources/Vernier/Vernier.docc/TracingAndLogs.md)
func countingLogRecords(provider: MeterProvider) throws {
    let records = try LogRecordCounter(meter: provider.meter("app"))
    LoggingSystem.bootstrap { label in CountingLogHandler(wrapping: StreamLogHandler.standardError(label: label), counter: records) }
}

// Vernier: the landing page. (Sources/Vernier/Vernier.docc/Vernier.md)
func landingPage() throws {
    let reader = PullMetricReader()
    let provider = MeterProvider(resource: Resource(serviceName: "shop"), readers: [reader])
    let orders = try provider.meter("shop.checkout").counter("shop.orders", unit: "{order}")
    orders.add(1, attributes: ["payment.method": "card"])
}
