#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State guarded by a pthread mutex, in a class so that several owners can share it: the one lock of every
/// Vernier module.
///
/// The standard library's `Mutex` waits on a futex directly on Linux, which ThreadSanitizer cannot see, so every
/// access it guards would be reported as a race; a pthread mutex is understood by the sanitizer and costs the
/// same uncontended.
///
/// The state lives in memory the box allocates, not in a stored property: the mutex already makes access
/// exclusive, and a class property would add the runtime's exclusivity bookkeeping to every locked access.
public final class MutexBox<State: ~Copyable>: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline let state: UnsafeMutablePointer<State>

    /// Creates a lock guarding `state`.
    public init(_ state: consuming State) {
        self.state = .allocate(capacity: 1)
        self.state.initialize(to: state)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    @inlinable
    public func withLock<Result: ~Copyable>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state.pointee)
    }
}
