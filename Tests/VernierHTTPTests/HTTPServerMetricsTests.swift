import Testing
import Vernier
import VernierHTTP
import VernierTesting

@Suite("HTTP server metrics")
struct HTTPServerMetricsTests {
    static let duration = "http.server.request.duration"

    @Test func recordsDurationWithTheConventionsAttributesAndBuckets() throws {
        let recorded = TestMetrics()
        let metrics = try HTTPServerMetrics(meter: recorded.meter("http"))
        metrics.requestStarted(method: "GET").finish(route: "/products/{id}", statusCode: 200)
        metrics.requestStarted(method: "POST").finish(route: "/checkout", statusCode: 503)
        let snapshot = recorded.collect()
        let attributes = try snapshot.series(Self.duration)
        #expect(Set(attributes) == [
            ["http.request.method": "GET", "url.scheme": "http", "http.route": "/products/{id}", "http.response.status_code": 200],
            ["http.request.method": "POST", "url.scheme": "http", "http.route": "/checkout", "http.response.status_code": 503, "error.type": "503"],
        ])
        for series in attributes {
            let point = try snapshot.histogram(Self.duration, attributes: series)
            #expect(point.boundaries == HTTPServerMetrics.durationBoundaries)
            #expect(point.count == 1)
        }
    }

    @Test func activeRequestsRiseAndFall() throws {
        let recorded = TestMetrics()
        let metrics = try HTTPServerMetrics(meter: recorded.meter("http"))
        let first = metrics.requestStarted(method: "GET")
        _ = metrics.requestStarted(method: "GET")
        let get: Attributes = ["http.request.method": "GET", "url.scheme": "http"]
        #expect(try recorded.collect().upDownCounterValue("http.server.active_requests", attributes: get) == 2)
        first.finish(route: nil, statusCode: 200)
        #expect(try recorded.collect().upDownCounterValue("http.server.active_requests", attributes: get) == 1)
    }

    @Test func unknownMethodsBecomeOther() throws {
        #expect(HTTPRequestMethod.attributeValue("GET") == "GET")
        #expect(HTTPRequestMethod.attributeValue("get") == "_OTHER")
        #expect(HTTPRequestMethod.attributeValue("PURGE") == "_OTHER")
        let recorded = TestMetrics()
        let metrics = try HTTPServerMetrics(meter: recorded.meter("http"))
        for method in ["PURGE", "BREW", "X-\(Int.random(in: 0..<1000))"] {
            metrics.requestStarted(method: method).finish(route: nil, statusCode: 405)
        }
        let snapshot = recorded.collect()
        let other: Attributes = ["http.request.method": "_OTHER", "url.scheme": "http", "http.response.status_code": 405]
        #expect(try snapshot.series(Self.duration) == [other])
        #expect(try snapshot.histogram(Self.duration, attributes: other).count == 3)
    }

    @Test func aRequestWithoutResponseHasAnErrorType() throws {
        let recorded = TestMetrics()
        let metrics = try HTTPServerMetrics(meter: recorded.meter("http"))
        metrics.requestStarted(method: "GET").finish(route: nil, statusCode: nil)
        #expect(try recorded.collect().series(Self.duration) == [["http.request.method": "GET", "url.scheme": "http", "error.type": "_OTHER"]])
    }
}

@Suite("Route templates")
struct HTTPRouteTemplatesTests {
    let routes = HTTPRouteTemplates(["/products/{id}", "/checkout", "/products/{id}/reviews/{review}"])

    @Test(arguments: [
        ("/products/42", "/products/{id}"),
        ("/products/42?color=red", "/products/{id}"),
        ("/checkout", "/checkout"),
        ("/checkout/", "/checkout"),
        ("/products/7/reviews/3", "/products/{id}/reviews/{review}"),
        ("//products//42", "/products/{id}"),
    ])
    func matchesTemplates(_ path: String, _ route: String) {
        #expect(routes.route(for: path) == route)
    }

    @Test(arguments: ["/", "/products", "/products/42/extra", "/admin", "/checkout/now", "/product/42", "/productsX/42", "", "?/checkout"])
    func neverFallsBackToTheRawPath(_ path: String) {
        #expect(routes.route(for: path) == nil)
    }
}

@Suite("Header capture")
struct HTTPHeaderCaptureTests {
    @Test func capturesOnlyOptedInHeadersWithEveryValue() {
        let capture = HTTPHeaderCapture(requestHeaders: ["X-Request-ID", "Accept"], responseHeaders: ["content-type"])
        let request = [("x-request-id", "abc"), ("Accept", "text/html"), ("accept", "*/*"), ("user-agent", "curl")]
        var askedFor: [String] = []
        let attributes = capture.requestAttributes { name in
            askedFor.append(name)
            return Self.values(of: name, in: request)
        }
        #expect(askedFor == ["accept", "x-request-id"], "only the captured names are looked up")
        #expect(Attributes(attributes) == [
            "http.request.header.x-request-id": .stringArray(["abc"]),
            "http.request.header.accept": .stringArray(["text/html", "*/*"]),
        ])
        #expect(capture.responseAttributes { Self.values(of: $0, in: [("Content-Type", "application/json")]) }.map(\.key)
            == ["http.response.header.content-type"])
    }

    private static func values(of name: String, in headers: [(String, String)]) -> [String] {
        headers.filter { $0.0.lowercased() == name }.map(\.1)
    }

    @Test func neverCapturesCredentials() {
        let capture = HTTPHeaderCapture(
            requestHeaders: ["Authorization", "Cookie", "Proxy-Authorization", "X-API-Key", "x-tenant"],
            responseHeaders: ["Set-Cookie"])
        #expect(capture.requestHeaders == ["x-tenant"])
        #expect(capture.responseHeaders.isEmpty)
        let request = [("authorization", "Bearer secret"), ("cookie", "session=1"), ("x-tenant", "t1")]
        #expect(capture.requestAttributes { Self.values(of: $0, in: request) }.map(\.key) == ["http.request.header.x-tenant"])
        #expect(capture.responseAttributes { Self.values(of: $0, in: [("set-cookie", "session=1")]) }.isEmpty)
    }
}
