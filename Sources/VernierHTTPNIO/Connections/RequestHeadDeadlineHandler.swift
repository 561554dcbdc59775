import NIOCore
import NIOHTTP1

/// Closes a connection whose request head does not arrive within the timeout, counted from its first byte.
///
/// It sits right after the request decoder. Bytes that arrive between requests without completing a head
/// start the clock; the decoded head stops it. Later bytes do not restart it, so a client trickling one byte at
/// a time cannot hold the connection, while a kept-alive connection that sends nothing is left to the idle
/// timeout.
final class RequestHeadDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private enum Phase {
        case betweenRequests
        case readingHead(Scheduled<Void>)
        case inRequest
    }

    private let timeout: TimeAmount
    private let onExpiry: @Sendable () -> Void
    private var phase = Phase.betweenRequests
    private var decodedDuringRead = false

    init(timeout: TimeAmount, onExpiry: @escaping @Sendable () -> Void) {
        self.timeout = timeout
        self.onExpiry = onExpiry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        decodedDuringRead = true
        switch unwrapInboundIn(data) {
        case .head:
            cancelDeadline()
            phase = .inRequest
        case .body:
            break
        case .end:
            phase = .betweenRequests
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .betweenRequests = phase, !decodedDuringRead {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let onExpiry = onExpiry
            phase = .readingHead(context.eventLoop.scheduleTask(in: timeout) {
                onExpiry()
                loopBound.value.close(promise: nil)
            })
        }
        decodedDuringRead = false
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func cancelDeadline() {
        if case .readingHead(let deadline) = phase { deadline.cancel() }
        phase = .betweenRequests
    }
}
