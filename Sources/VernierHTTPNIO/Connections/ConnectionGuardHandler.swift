import NIOCore
import NIOHTTP1

/// The last of `HTTPConnectionGuard`'s handlers on a connection, after NIO's HTTP/1.1 handlers: it marks the
/// connection busy from a request's head until its response has been written, refuses bodies above the limit
/// without reading them, closes the connection after a 400 for a malformed request, and closes an idle one.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let id: UInt64
    private let connections: OpenConnections
    private let maxBodyBytes: Int
    private let onClose: @Sendable (ConnectionCloseReason) -> Void
    private var bodyBytes = 0
    private var responsesPending = 0
    private var isRefusing = false

    init(id: UInt64, connections: OpenConnections, maxBodyBytes: Int, onClose: @escaping @Sendable (ConnectionCloseReason) -> Void) {
        self.id = id
        self.connections = connections
        self.maxBodyBytes = maxBodyBytes
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isRefusing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            bodyBytes = 0
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBodyBytes {
                return refuseBody(of: head, context: context)
            }
            responsesPending += 1
            connections.setBusy(id, true)
        case .body(let body):
            bodyBytes += body.readableBytes
            if bodyBytes > maxBodyBytes {
                // The application has the head and may be answering: the connection is all that can be cut.
                onClose(.requestBodyTooLarge)
                return context.close(promise: nil)
            }
        case .end:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            responsesPending = max(0, responsesPending - 1)
            if responsesPending == 0 { connections.setBusy(id, false) }
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        // NIO's protocol error handler before this one has already written the 400.
        onClose(.malformedRequest)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else { return context.fireUserInboundEventTriggered(event) }
        if responsesPending == 0 {
            onClose(.idleTimeout)
            context.close(promise: nil)
        }
    }

    private func refuseBody(of request: HTTPRequestHead, context: ChannelHandlerContext) {
        isRefusing = true
        onClose(.requestBodyTooLarge)
        let headers = HTTPHeaders([("Connection", "close"), ("Content-Length", "0")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: .payloadTooLarge, headers: headers))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
