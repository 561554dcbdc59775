#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ServiceContextModule

/// The span identity of the `ServiceContext` a thread last read, so that recording inside one span reads the
/// context's storage once rather than per measurement.
///
/// Finding the identity in a context is a generic dictionary lookup and a dynamic cast, about twice what the
/// rest of an exemplar costs. The cache is keyed by the identity of the context's storage and keeps that
/// storage alive: while it does, the storage can be neither freed and reused for another context nor changed
/// in place (a context that changes copies its storage first), so a key that matches always means the same
/// contents. Each thread has its own cache; a task that moves to another thread only misses once.
final class SpanIdentityCache {
    /// The storage of the context read last, kept alive, and its address, compared without reference counting.
    private var storage: AnyObject?
    private var storageAddress: UnsafeRawPointer?
    private var identity: SpanIdentity?

    /// The span identity of `context` read on the calling thread.
    static func identity(in context: ServiceContext) -> SpanIdentity? {
        // `ServiceContext` is one dictionary, whose storage is one object; a future layout turns the cache off.
        guard MemoryLayout<ServiceContext>.size == MemoryLayout<UnsafeRawPointer>.size else { return context.spanIdentity }
        let address = unsafeBitCast(context, to: UnsafeRawPointer.self)
        return current._withUnsafeGuaranteedRef { cache in
            if address == cache.storageAddress { return cache.identity }
            cache.identity = context.spanIdentity
            cache.storage = unsafeBitCast(context, to: AnyObject.self)
            cache.storageAddress = address
            return cache.identity
        }
    }

    /// This thread's cache, created on first use and released when the thread ends.
    private static var current: Unmanaged<SpanIdentityCache> {
        if let existing = pthread_getspecific(threadKey) { return Unmanaged.fromOpaque(existing) }
        let cache = Unmanaged.passRetained(SpanIdentityCache())
        pthread_setspecific(threadKey, cache.toOpaque())
        return cache
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { cache in
            guard let cache else { return }
            Unmanaged<SpanIdentityCache>.fromOpaque(cache).release()
        }
        return key
    }()
}
