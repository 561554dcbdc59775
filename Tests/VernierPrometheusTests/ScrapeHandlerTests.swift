#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import Vernier
import VernierPrometheus

@Suite("Scrape handler")
struct ScrapeHandlerTests {
    static let openMetricsAccept = ("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")

    @Test func answersInTheNegotiatedFormat() async {
        let handler = ScrapeHandler { ShopSnapshot.snapshot }
        let text = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
        #expect(text.status == 200)
        #expect(text.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(text.header("Content-Length") == String(text.body.count))
        let openMetrics = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics?debug=1", headers: [Self.openMetricsAccept]))
        #expect(openMetrics.header("Content-Type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(String(decoding: openMetrics.body, as: UTF8.self).hasSuffix("# EOF\n"))
        #expect(handler.droppedMetricCount == 6)
    }

    @Test func headHasTheLengthButNoBody() async {
        let handler = ScrapeHandler { ShopSnapshot.snapshot }
        let get = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
        let head = await handler.handle(ScrapeRequest(method: "HEAD", path: "/metrics"))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == String(get.body.count))
    }

    @Test func compressesWhenGzipIsAccepted() async {
        let handler = ScrapeHandler { ShopSnapshot.snapshot }
        let plain = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics"))
        let zipped = await handler.handle(ScrapeRequest(method: "GET", path: "/metrics", headers: [("accept-encoding", "gzip")]))
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(ContentNegotiationTests.gunzip(zipped.body, expectedSize: plain.body.count) == plain.body)
    }

    @Test func otherPathsAndMethodsAreRefused() async {
        let handler = ScrapeHandler { ShopSnapshot.snapshot }
        let missing = await handler.handle(ScrapeRequest(method: "GET", path: "/other"))
        #expect(missing.status == 404)
        let post = await handler.handle(ScrapeRequest(method: "POST", path: "/metrics"))
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }

    @Test func concurrentScrapesShareOneCollection() async {
        let collections = Atomic<Int>(0)
        let handler = ScrapeHandler {
            collections.add(1, ordering: .relaxed)
            usleepMilliseconds(200)
            return ShopSnapshot.snapshot
        }
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { await handler.handle(ScrapeRequest(method: "GET", path: "/metrics")).status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 8))
        #expect(collections.load(ordering: .relaxed) < 8)
        #expect(collections.load(ordering: .relaxed) >= 1)
    }

    @Test func aSlowCollectionAnswers503WithinTheScrapeTimeout() async {
        let handler = ScrapeHandler {
            usleepMilliseconds(3000)
            return ShopSnapshot.snapshot
        }
        let started = ContinuousClock.now
        let response = await handler.handle(ScrapeRequest(
            method: "GET", path: "/metrics", headers: [("X-Prometheus-Scrape-Timeout-Seconds", "0.3")]
        ))
        #expect(response.status == 503)
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}

extension ScrapeResponse {
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Blocks the calling thread, as a slow metrics callback would.
func usleepMilliseconds(_ milliseconds: Int) {
    var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    nanosleep(&request, nil)
}
