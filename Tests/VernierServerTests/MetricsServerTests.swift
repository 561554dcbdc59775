#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import Vernier
import VernierPrometheus
import VernierHTTPNIO
import VernierServer

@Suite("Metrics server")
struct MetricsServerTests {
    static func snapshot() -> MetricsSnapshot {
        let now = Timestamp.now
        let point = NumberPoint(attributes: ["method": "GET"], startTime: now, time: now, value: .int(7))
        let metric = Metric(name: "http.requests", description: "Requests", unit: "", data: .sum(.init(temporality: .cumulative, isMonotonic: true, points: [point])))
        return MetricsSnapshot(resource: Resource(attributes: ["service.name": "test"]), scopes: [
            ScopeMetrics(scope: InstrumentationScope(name: "test"), metrics: [metric]),
        ])
    }

    /// Runs `body` against a server on 127.0.0.1 with a free port, shutting it down afterwards.
    static func withServer(
        configuration: MetricsServerConfiguration = MetricsServerConfiguration(),
        collectDelayMilliseconds: Int = 0,
        _ body: (MetricsServer, Int) async throws -> Void
    ) async throws {
        let handler = ScrapeHandler {
            if collectDelayMilliseconds > 0 { usleep(UInt32(collectDelayMilliseconds * 1000)) }
            return snapshot()
        }
        let server = MetricsServer(host: "127.0.0.1", port: 0, scrapeHandler: handler, configuration: configuration)
        let port = try await server.start()
        #expect(port > 0)
        #expect(server.localPort == port)
        do {
            try await body(server, port)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func servesMetricsHealthAndErrors() async throws {
        try await Self.withServer { _, port in
            let connection = try RawHTTPConnection(port: port)
            connection.sendRequest("GET", "/metrics")
            let metrics = try await connection.readResponse()
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.body.contains("http_requests_total{method=\"GET\",otel_scope_name=\"test\"} 7\n"))

            connection.sendRequest("GET", "/healthz")
            let health = try await connection.readResponse()
            #expect(health.status == 200)
            #expect(health.body == "ok\n")

            connection.sendRequest("GET", "/nope")
            #expect(try await connection.readResponse().status == 404)

            connection.sendRequest("POST", "/metrics", headers: ["Content-Length: 0"])
            let post = try await connection.readResponse()
            #expect(post.status == 405)
            #expect(post.headers["allow"] == "GET, HEAD")

            connection.sendRequest("HEAD", "/metrics")
            let head = try await connection.readResponse(hasBody: false)
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == String(metrics.body.utf8.count))
        }
    }

    @Test func negotiatesOpenMetricsAndGzip() async throws {
        try await Self.withServer { _, port in
            let connection = try RawHTTPConnection(port: port)
            connection.sendRequest("GET", "/metrics", headers: ["Accept: application/openmetrics-text;version=1.0.0,text/plain;q=0.5"])
            let openMetrics = try await connection.readResponse()
            #expect(openMetrics.headers["content-type"] == "application/openmetrics-text; version=1.0.0; charset=utf-8")
            #expect(openMetrics.body.hasSuffix("# EOF\n"))
            connection.sendRequest("GET", "/metrics", headers: ["Accept-Encoding: gzip"])
            let zipped = try await connection.readResponse()
            #expect(zipped.headers["content-encoding"] == "gzip")
        }
    }

    @Test func closesWhenTheClientAsks() async throws {
        try await Self.withServer { _, port in
            let connection = try RawHTTPConnection(port: port)
            connection.sendRequest("GET", "/healthz", headers: ["Connection: close"])
            let response = try await connection.readResponse()
            #expect(response.headers["connection"] == "close")
            #expect(await connection.isClosedByServer())
        }
    }

    @Test func oversizedHeadersGet431() async throws {
        try await Self.withServer(configuration: MetricsServerConfiguration(maxHeaderBytes: 256)) { _, port in
            let connection = try RawHTTPConnection(port: port)
            connection.sendRequest("GET", "/metrics", headers: ["X-Padding: " + String(repeating: "p", count: 400)])
            #expect(try await connection.readResponse().status == 431)
            #expect(await connection.isClosedByServer())
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        try await Self.withServer(configuration: MetricsServerConfiguration(connections: HTTPConnectionLimits(idleTimeout: .milliseconds(200)))) { _, port in
            let connection = try RawHTTPConnection(port: port, timeoutSeconds: 3)
            connection.sendRequest("GET", "/healthz")
            #expect(try await connection.readResponse().status == 200)
            let started = ContinuousClock.now
            #expect(await connection.isClosedByServer())
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func scrapesBeyondTheLimitGet503() async throws {
        try await Self.withServer(configuration: MetricsServerConfiguration(maxConcurrentScrapes: 1), collectDelayMilliseconds: 500) { _, port in
            let first = try RawHTTPConnection(port: port)
            let second = try RawHTTPConnection(port: port)
            first.sendRequest("GET", "/metrics")
            try await Task.sleep(for: .milliseconds(100))
            second.sendRequest("GET", "/metrics")
            let refused = try await second.readResponse()
            #expect(refused.status == 503)
            #expect(refused.headers["retry-after"] == "1")
            #expect(try await first.readResponse().status == 200)
        }
    }

    @Test func shutdownLetsTheScrapeInFlightFinish() async throws {
        let handler = ScrapeHandler {
            usleep(400_000)
            return Self.snapshot()
        }
        let server = MetricsServer(host: "127.0.0.1", port: 0, scrapeHandler: handler)
        let port = try await server.start()
        let connection = try RawHTTPConnection(port: port)
        connection.sendRequest("GET", "/metrics")
        try await Task.sleep(for: .milliseconds(100))
        async let stopping: Void = server.shutdown()
        let response = try await connection.readResponse()
        #expect(response.status == 200)
        await stopping
        #expect(server.localPort == nil)
        #expect(throws: RawHTTPConnection.ConnectionError.refused) { try RawHTTPConnection(port: port) }
        await #expect(throws: MetricsServerError.alreadyStartedOrStopped) { try await server.start() }
    }

    @Test func runStopsWhenCancelled() async throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, scrapeHandler: ScrapeHandler { Self.snapshot() })
        let running = Task { try await server.run() }
        var port: Int?
        for _ in 0..<100 where port == nil {
            port = server.localPort
            try await Task.sleep(for: .milliseconds(20))
        }
        let bound = try #require(port)
        let connection = try RawHTTPConnection(port: bound)
        connection.sendRequest("GET", "/healthz")
        #expect(try await connection.readResponse().status == 200)
        running.cancel()
        try await running.value
        #expect(throws: RawHTTPConnection.ConnectionError.refused) { try RawHTTPConnection(port: bound) }
    }
}
