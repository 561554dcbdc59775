import NIOCore
import VernierConcurrency

/// The open connections of one server, in the order they were accepted, each marked busy while it serves a
/// request: what `HTTPConnectionGuard` counts against its limit and picks from when it must close some.
final class OpenConnections: Sendable {
    /// What happened to a connection offered to a full table.
    enum Admission {
        /// The connection is tracked under `id`; `evicted` is an idle one that was closed to make room.
        case admitted(id: UInt64, evicted: (any Channel)?)
        /// Every tracked connection is busy: the new one must be closed.
        case refused
    }

    private struct Entry {
        let channel: any Channel
        var isBusy = false
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
    }

    private let state = MutexBox(State())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Tracks `channel` until it closes, closing the oldest idle connection first when the table is full.
    func admit(_ channel: any Channel) -> Admission {
        let admission = state.withLock { state -> Admission in
            var evicted: (any Channel)?
            if state.entries.count >= limit {
                guard let oldest = Self.oldestIdle(in: state.entries, count: 1).first else { return .refused }
                evicted = state.entries.removeValue(forKey: oldest)?.channel
            }
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = Entry(channel: channel)
            return .admitted(id: id, evicted: evicted)
        }
        if case .admitted(let id, let evicted) = admission {
            evicted?.close(promise: nil)
            channel.closeFuture.whenComplete { [weak self] _ in self?.remove(id) }
        }
        return admission
    }

    /// Marks the connection as serving a request (never picked for closing) or idle.
    func setBusy(_ id: UInt64, _ isBusy: Bool) {
        state.withLock { $0.entries[id]?.isBusy = isBusy }
    }

    /// Closes the oldest `fraction` of the idle connections, at least one when any is idle; returns how many.
    func closeOldestIdle(fraction: Double) -> Int {
        let victims = state.withLock { state -> [any Channel] in
            let idle = state.entries.values.lazy.filter { !$0.isBusy }.count
            let count = idle == 0 ? 0 : max(1, Int(Double(idle) * fraction))
            return Self.oldestIdle(in: state.entries, count: count).compactMap { state.entries.removeValue(forKey: $0)?.channel }
        }
        for channel in victims { channel.close(promise: nil) }
        return victims.count
    }

    /// The channels open now.
    var channels: [any Channel] {
        state.withLock { $0.entries.values.map(\.channel) }
    }

    /// How many connections are open.
    var count: Int {
        state.withLock { $0.entries.count }
    }

    private func remove(_ id: UInt64) {
        state.withLock { _ = $0.entries.removeValue(forKey: id) }
    }

    private static func oldestIdle(in entries: [UInt64: Entry], count: Int) -> [UInt64] {
        guard count > 0 else { return [] }
        return entries.lazy.filter { !$0.value.isBusy }.map(\.key).sorted().prefix(count).map { $0 }
    }
}
