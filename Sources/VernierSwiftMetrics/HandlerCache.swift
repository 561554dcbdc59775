import VernierConcurrency

/// The handlers of one swift-metrics kind made so far, by label and dimensions.
///
/// Frameworks such as Vapor create a swift-metrics `Counter` for every request; the cache answers the second and
/// later ones with one hash lookup instead of registering and binding again. Past `capacity` entries, handlers
/// are made without being kept, so an explosion of dimensions cannot grow it without bound (the instruments'
/// cardinality limits still apply to the series).
final class HandlerCache<Handler: Sendable>: Sendable {
    /// How many handlers one cache keeps.
    static var capacity: Int { 10_000 }

    private let handlers = MutexBox<[HandlerKey: Handler]>([:])

    /// The handler for `label` and `dimensions`, made by `make` the first time.
    func handler(label: String, dimensions: [(String, String)], make: () -> Handler) -> Handler {
        let key = HandlerKey(label: label, dimensions: dimensions)
        if let cached = handlers.withLock({ $0[key] }) { return cached }
        let made = make()
        return handlers.withLock { handlers in
            if let raced = handlers[key] { return raced }
            if handlers.count < Self.capacity { handlers[key] = made }
            return made
        }
    }

    /// Forgets `handler`, after `destroy`: the next request for its series makes a new one.
    func remove(_ handler: AnyObject) {
        handlers.withLock { handlers in
            handlers = handlers.filter { ($0.value as AnyObject) !== handler }
        }
    }
}

/// A swift-metrics label and its dimensions, hashed without copying them.
///
/// Hashing and equality read the dimensions through their buffer: iterating the array copies each tuple,
/// retaining and releasing both of its strings, which took about half of a cached lookup.
struct HandlerKey: Hashable, Sendable {
    let label: String
    let dimensions: [(String, String)]

    static func == (lhs: HandlerKey, rhs: HandlerKey) -> Bool {
        guard lhs.label == rhs.label, lhs.dimensions.count == rhs.dimensions.count else { return false }
        return lhs.dimensions.withUnsafeBufferPointer { left in
            rhs.dimensions.withUnsafeBufferPointer { right in
                for index in left.indices where left[index].1 != right[index].1 || left[index].0 != right[index].0 {
                    return false
                }
                return true
            }
        }
    }

    /// Hashes the label and the dimension values only: the dimension names of one label rarely change, and
    /// equality still compares them.
    func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        dimensions.withUnsafeBufferPointer { dimensions in
            for index in dimensions.indices { hasher.combine(dimensions[index].1) }
        }
    }
}
