import Logging
import Synchronization
import VernierConcurrency

/// A log handler that keeps each record with its merged metadata, for assertions.
struct CapturingLogHandler: LogHandler {
    struct Captured {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    final class Storage: Sendable {
        let events = MutexBox<[Captured]>([])
    }

    let storage = Storage()
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    var events: [Captured] { storage.events.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(metadataProvider?.get() ?? [:]) { _, provided in provided }
        merged.merge(event.metadata ?? [:]) { _, explicit in explicit }
        storage.events.withLock { $0.append(Captured(level: event.level, message: "\(event.message)", metadata: merged)) }
    }
}
