import Testing
import Vernier
import VernierHTTPNIO
import VernierPrometheus
import VernierServer

/// The metrics server's `HTTPConnectionGuard` against slow, oversized and malformed requests, read through the
/// guard's own counters.
@Suite("Connection guard", .serialized)
struct ConnectionGuardTests {
    /// A metrics server whose connection metrics a pull reader collects.
    struct GuardedServer {
        let reader = PullMetricReader()
        let server: MetricsServer
        let port: Int

        init(limits: HTTPConnectionLimits) async throws {
            let provider = MeterProvider(resource: Resource(attributes: .empty), readers: [reader])
            server = MetricsServer(host: "127.0.0.1", port: 0, scrapeHandler: ScrapeHandler { MetricsServerTests.snapshot() },
                                   configuration: MetricsServerConfiguration(connections: limits), meter: provider.meter("test"))
            port = try await server.start()
        }

        /// How many connections the guard closed for `reason`.
        func closed(_ reason: String) -> Int {
            let metric = reader.collect().metrics.first { $0.name == "vernier.http.server.connections.closed" }
            guard case .sum(let sum) = metric?.data else { return 0 }
            let point = sum.points.first { $0.attributes == ["otel.component.name": "metrics", "reason": .string(reason)] }
            return Int(point?.value.doubleValue ?? 0)
        }
    }

    @Test func slowHeadsAreClosedWhileScrapesGoOn() async throws {
        let guarded = try await GuardedServer(limits: HTTPConnectionLimits(maxConnections: 64, requestHeadTimeout: .seconds(1)))
        let head = Array("GET /metrics HTTP/1.1\r\nHost: localhost\r\n")
        let slow = try (0..<200).map { _ in try RawHTTPConnection(port: guarded.port, timeoutSeconds: 5) }
        for connection in slow { connection.send(String(head[0])) }

        // One byte every 250 ms to each, for 2.5 s: every byte would have reset an idle timer.
        let scrape = Task {
            try await Task.sleep(for: .milliseconds(500))
            let connection = try RawHTTPConnection(port: guarded.port, timeoutSeconds: 2)
            connection.sendRequest("GET", "/metrics")
            return try await connection.readResponse().status
        }
        for index in 1...10 {
            try await Task.sleep(for: .milliseconds(250))
            for connection in slow { connection.send(String(head[index])) }
        }
        #expect(try await scrape.value == 200)

        var stillOpen = 0
        for connection in slow where !(await connection.isClosedByServer()) { stillOpen += 1 }
        #expect(stillOpen == 0, "\(stillOpen) slow-head connections were still open after 2.5 s")
        #expect(guarded.closed("request_head_timeout") > 0)
        #expect(guarded.closed("connection_limit") >= 136)
        await guarded.server.shutdown()
    }

    @Test func aKeptAliveConnectionIsLeftToTheIdleTimeout() async throws {
        let guarded = try await GuardedServer(limits: HTTPConnectionLimits(requestHeadTimeout: .milliseconds(200)))
        let connection = try RawHTTPConnection(port: guarded.port, timeoutSeconds: 3)
        connection.sendRequest("GET", "/healthz")
        #expect(try await connection.readResponse().status == 200)
        try await Task.sleep(for: .milliseconds(800))
        connection.sendRequest("GET", "/healthz")
        #expect(try await connection.readResponse().status == 200)
        #expect(guarded.closed("request_head_timeout") == 0)
        await guarded.server.shutdown()
    }

    @Test func aBodyAboveTheLimitIsRefusedUnread() async throws {
        let guarded = try await GuardedServer(limits: HTTPConnectionLimits(maxRequestBodyBytes: 4096))
        let connection = try RawHTTPConnection(port: guarded.port, timeoutSeconds: 3)
        connection.sendRequest("POST", "/metrics", headers: ["Content-Length: 50000000"])
        let response = try await connection.readResponse()
        #expect(response.status == 413)
        #expect(response.headers["connection"] == "close")
        #expect(await connection.isClosedByServer())
        #expect(guarded.closed("request_body_too_large") == 1)
        await guarded.server.shutdown()
    }

    @Test func aMalformedRequestGets400AndTheConnectionCloses() async throws {
        let guarded = try await GuardedServer(limits: HTTPConnectionLimits())
        let connection = try RawHTTPConnection(port: guarded.port, timeoutSeconds: 3)
        connection.send("NOT HTTP AT ALL\r\n\r\n")
        #expect(try await connection.readResponse().status == 400)
        let started = ContinuousClock.now
        #expect(await connection.isClosedByServer())
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(guarded.closed("malformed_request") == 1)
        await guarded.server.shutdown()
    }
}
