import NIOCore
import NIOHTTP1
import ServiceContextModule
import Vernier

/// The products `GET /products/{id}` knows, with their answers.
private let productCatalog: [Substring: String] = [
    "espresso-beans": #"{"id":"espresso-beans","price":14.5}"#, "grinder": #"{"id":"grinder","price":129.0}"#,
]

/// The load server's API: `GET /products/{id}` answers a small JSON body for a product of the catalog and counts
/// the view; anything else is answered 404. Every answer is written on the connection's event loop.
///
/// Bare, it reads the HTTP decoder's parts; behind the instrumentation, the parts it passes on, and records
/// inside the request's service context, so the view counter's exemplars link to the server span.
final class LoadAPIHandler<Inbound>: ChannelInboundHandler {
    typealias InboundIn = Inbound
    typealias OutboundOut = HTTPServerResponsePart

    /// What the handler shares across connections.
    struct Shared: Sendable {
        /// Counts product views by `product.id`; nil in the bare server.
        let views: Counter<Int>?
        /// The request part and its service context, from what the pipeline passes on.
        let unwrap: @Sendable (Inbound) -> (part: HTTPServerRequestPart, context: ServiceContext)
    }

    private let shared: Shared
    private var keepAlive = true

    init(_ shared: Shared) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let (part, serviceContext) = shared.unwrap(unwrapInboundIn(data))
        switch part {
        case .head(let head):
            keepAlive = head.isKeepAlive
            let body = answer(head, in: serviceContext)
            write(status: body == nil ? .notFound : .ok, body: body ?? #"{"error":"not found"}"#, context: context)
        case .body, .end:
            break
        }
    }

    private func answer(_ head: HTTPRequestHead, in serviceContext: ServiceContext) -> String? {
        let path = head.uri.split(separator: "?", maxSplits: 1).first ?? ""
        guard head.method == .GET, path.hasPrefix("/products/"), let body = productCatalog[path.dropFirst("/products/".count)] else {
            return nil
        }
        if let views = shared.views {
            ServiceContext.withValue(serviceContext) {
                views.add(1, attributes: ["product.id": .string(String(path.dropFirst("/products/".count)))])
            }
        }
        return body
    }

    private func write(status: HTTPResponseStatus, body: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", String(buffer.readableBytes))])
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { written.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) } }
    }
}
