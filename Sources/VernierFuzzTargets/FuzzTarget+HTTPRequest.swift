import NIOCore
import NIOEmbedded
import NIOHTTP1
import Vernier
import VernierHTTP
import VernierPrometheus

extension FuzzTarget {
    private static let scrapeHandler = ScrapeHandler { MetricsSnapshot(resource: Resource(), scopes: []) }
    private static let routes = HTTPRouteTemplates(["/users/{id}", "/users/{id}/orders/{order}", "/static", "/{anything}/x"])
    private static let capture = HTTPHeaderCapture(requestHeaders: ["user-agent", "x-request-id", "Accept"])

    static func readHTTPRequests(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
        defer { _ = try? channel.finish() }
        guard (try? channel.writeInbound(channel.allocator.buffer(bytes: bytes))) != nil else { return }
        while case .head(let head)? = try? channel.readInbound(as: HTTPServerRequestPart.self) ?? nil {
            let headers = head.headers.map { ($0.name, $0.value) }
            let request = ScrapeRequest(method: head.method.rawValue, path: head.uri, headers: headers)
            _ = scrapeHandler.serves(path: request.path)
            _ = ContentNegotiation.format(accept: request.header("Accept"))
            _ = ContentNegotiation.acceptsGzip(acceptEncoding: request.header("Accept-Encoding"))
            _ = ScrapeHandler.timeout(header: request.header("X-Prometheus-Scrape-Timeout-Seconds"))
            _ = routes.route(for: head.uri)
            _ = capture.requestAttributes { head.headers[$0] }
            _ = HTTPRequestMethod.attributeValue(head.method.rawValue)
        }
    }
}
