#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Watches a listening channel for accepts that fail for lack of resources (no file descriptor left, no
/// buffer memory): counts each, reports it at a limited rate, and gives descriptors back by closing the oldest
/// idle connections. NIO's `AcceptBackoffHandler`, right after it, pauses accepting meanwhile.
final class AcceptFailureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel

    private static let resourceErrors: [CInt: String] = [EMFILE: "EMFILE", ENFILE: "ENFILE", ENOBUFS: "ENOBUFS", ENOMEM: "ENOMEM"]

    private let onShortage: @Sendable (String) -> Void

    init(onShortage: @escaping @Sendable (_ errorType: String) -> Void) {
        self.onShortage = onShortage
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, let name = Self.resourceErrors[error.errnoCode] {
            onShortage(name)
        }
        context.fireErrorCaught(error)
    }
}
