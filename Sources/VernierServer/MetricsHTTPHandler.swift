import NIOCore
import NIOHTTP1
import VernierConcurrency
import VernierPrometheus

/// Serves one connection: `/healthz` directly, everything else through the scrape handler, one request at
/// a time (the pipelining handler before it queues the rest).
final class MetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let healthPath = "/healthz"

    private let scrapeHandler: ScrapeHandler
    private let scrapeLimit: ConcurrencyLimit
    private let maxHeaderBytes: Int
    private var requestHead: HTTPRequestHead?

    init(scrapeHandler: ScrapeHandler, scrapeLimit: ConcurrencyLimit, maxHeaderBytes: Int) {
        self.scrapeHandler = scrapeHandler
        self.scrapeLimit = scrapeLimit
        self.maxHeaderBytes = maxHeaderBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestHead = head
        case .body:
            break
        case .end:
            guard let head = requestHead else { return }
            requestHead = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let headerBytes = head.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        if headerBytes > maxHeaderBytes {
            return write(.text(431, "request header fields too large"), to: head, keepAlive: false, context: context)
        }
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if path == Self.healthPath {
            let response: ScrapeResponse = head.method == .GET || head.method == .HEAD
                ? .text(200, "ok")
                : .text(405, "method not allowed", extraHeaders: [("Allow", "GET, HEAD")])
            return write(head.method == .HEAD ? response.withoutBody : response, to: head, keepAlive: head.isKeepAlive, context: context)
        }
        let request = ScrapeRequest(method: head.method.rawValue, path: head.uri, headers: head.headers.map { ($0.name, $0.value) })
        let isScrape = scrapeHandler.serves(path: head.uri) && (head.method == .GET || head.method == .HEAD)
        if isScrape, !scrapeLimit.acquire() {
            return write(scrapeHandler.refuseAsTooManyScrapes(request), to: head, keepAlive: head.isKeepAlive, context: context)
        }
        let scrapeHandler = self.scrapeHandler
        let scrapeLimit = self.scrapeLimit
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        Task {
            let response = await scrapeHandler.handle(request)
            if isScrape { scrapeLimit.release() }
            loopBound.eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.write(response, to: head, keepAlive: head.isKeepAlive, context: context)
            }
        }
    }

    private func write(_ response: ScrapeResponse, to request: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        }
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if !keepAlive {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}

extension ScrapeResponse {
    /// The same response with its headers but no body, as `HEAD` answers.
    fileprivate var withoutBody: ScrapeResponse {
        ScrapeResponse(status: status, headers: headers, body: [])
    }
}
