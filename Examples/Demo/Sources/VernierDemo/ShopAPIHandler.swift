import NIOCore
import NIOHTTP1
import ServiceContextModule
import VernierHTTPNIO

/// Answers requests with `ShopAPI`, running each inside its request's service context so that its logs and
/// measurements link to the request's server span.
final class ShopAPIHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = TracedHTTPRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: ShopAPI

    init(api: ShopAPI) {
        self.api = api
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let traced = unwrapInboundIn(data)
        guard case .head(let head) = traced.part else { return }
        let api = self.api
        let loopBound = NIOLoopBound((context: context, handler: self), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        Task {
            let (status, body) = await ServiceContext.withValue(traced.context) {
                await api.respond(method: head.method, uri: head.uri)
            }
            eventLoop.execute {
                loopBound.value.handler.write(status: status, body: body, keepAlive: head.isKeepAlive, context: loopBound.value.context)
            }
        }
    }

    private func write(status: HTTPResponseStatus, body: String, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
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
