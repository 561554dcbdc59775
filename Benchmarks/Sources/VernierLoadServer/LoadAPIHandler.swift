import NIOCore
import NIOHTTP1
import ServiceContextModule
import Vernier
import VernierHTTP

/// The load server's API: `GET /products/{id}` answers a small JSON body for a product of the catalog and counts
/// the view; anything else is answered 404. Every answer is written on the connection's event loop.
///
/// Bare, it reads the HTTP decoder's parts; behind the instrumentation, the parts it passes on, and counts the
/// view inside the request's service context, so the counter's exemplars link to the server span.
final class LoadAPIHandler<Inbound>: ChannelInboundHandler {
    typealias InboundIn = Inbound
    typealias OutboundOut = HTTPServerResponsePart

    /// What the handler shares across connections.
    struct Shared: Sendable {
        /// The answer for each product id.
        let products: [Substring: LoadAnswer]
        let notFound = LoadAnswer(.notFound, json: #"{"error":"not found"}"#)
        /// The view counter of each product id, bound once; empty in the bare server or when views are not recorded.
        let views: [Substring: BoundCounter<Int>]
        /// The request part and its service context, from what the pipeline passes on.
        let unwrap: @Sendable (Inbound) -> (part: HTTPServerRequestPart, context: ServiceContext)
    }

    private let shared: Shared

    init(_ shared: Shared) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let (part, serviceContext) = shared.unwrap(unwrapInboundIn(data))
        guard case .head(let request) = part else { return }
        var answer = shared.notFound
        if request.method == .GET, let id = Self.productID(in: request.uri), let product = shared.products[id] {
            answer = product
            if let views = shared.views[id] {
                ServiceContext.withValue(serviceContext) { views.add(1) }
            }
        }
        var head = answer.head
        if !request.isKeepAlive { head.headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(answer.body))), promise: nil)
        let sent = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !request.isKeepAlive { sent.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) } }
    }

    /// The id in `/products/{id}`, the query left out.
    private static func productID(in uri: String) -> Substring? {
        let path = HTTPRouteTemplates.path(of: uri)
        return path.hasPrefix("/products/") ? path.dropFirst("/products/".count) : nil
    }
}

/// A prepared answer of the load server: its head and JSON body, built once.
struct LoadAnswer: Sendable {
    let head: HTTPResponseHead
    let body: ByteBuffer

    init(_ status: HTTPResponseStatus, json: String) {
        body = ByteBuffer(string: json)
        head = HTTPResponseHead(version: .http1_1, status: status, headers: [
            "content-type": "application/json", "content-length": String(body.readableBytes),
        ])
    }
}
