#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State guarded by a pthread mutex, shared by every copy: the one lock of every Vernier module.
///
/// The standard library's `Mutex` waits on a futex directly on Linux, which ThreadSanitizer cannot see, so every
/// access it guards would be reported as a race; a pthread mutex is understood by the sanitizer and costs the
/// same uncontended.
///
/// The state and the mutex live in one allocation, a `ManagedBuffer` (the state as its header, the mutex as its
/// one element), so a lock costs one allocation and locked access pays no exclusivity bookkeeping.
public struct MutexBox<State>: @unchecked Sendable {
    @usableFromInline let storage: MutexStorage<State>

    /// Creates a lock guarding `state`.
    public init(_ state: State) {
        storage = MutexStorage.make(state)
    }

    /// Runs `body` with exclusive access to the state.
    @inlinable
    public func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointers { state, mutex in
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return try body(&state.pointee)
        }
    }
}

/// The memory of a `MutexBox`: its state as the header, its mutex as the one element.
@usableFromInline
final class MutexStorage<State>: ManagedBuffer<State, pthread_mutex_t> {
    static func make(_ state: State) -> MutexStorage {
        let storage = unsafeDowncast(create(minimumCapacity: 1) { _ in state }, to: MutexStorage.self)
        storage.withUnsafeMutablePointerToElements { mutex in
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
        }
        return storage
    }

    deinit {
        withUnsafeMutablePointerToElements { mutex in
            pthread_mutex_destroy(mutex)
            _ = mutex.deinitialize(count: 1)
        }
    }
}
