import NIOCore
import Synchronization

/// The open connections of a server, so that a shutdown can ask each to finish and wait for them to close.
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Tracks a channel until it closes.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.channels.withLock { _ = $0.removeValue(forKey: id) }
        }
    }

    /// The channels open now.
    var open: [any Channel] {
        channels.withLock { Array($0.values) }
    }
}
