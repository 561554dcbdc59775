import Synchronization

/// A reference set at most once, then read without a lock: for state created on first use.
///
/// The standard `AtomicLazyReference` does the same, but its `load` is not inlinable across modules and pays
/// for generic metadata on every call; this one is a plain atomic word holding a retained pointer.
struct OnceReference<Instance: AnyObject & Sendable>: ~Copyable, Sendable {
    private let address = Atomic<UInt>(0)

    init() {}

    deinit {
        let bits = address.load(ordering: .acquiring)
        if bits != 0 { Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release() }
    }

    /// The instance, if it was set.
    func loadIfSet() -> Instance? {
        let bits = address.load(ordering: .acquiring)
        return bits == 0 ? nil : Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).takeUnretainedValue()
    }

    /// The instance, set from `make` if nobody set it before; when two callers race, one instance wins for both.
    func load(orMake make: () -> Instance) -> Instance {
        if let existing = loadIfSet() { return existing }
        return set(make())
    }

    /// Runs `body` on the instance (set from `make` if nobody set it before) without retaining it: for hot paths,
    /// where a retain and a release are two locked instructions. The instance lives as long as this reference.
    func withInstance<Result>(orMake make: () -> Instance, _ body: (Instance) -> Result) -> Result {
        let bits = address.load(ordering: .acquiring)
        guard bits != 0 else { return body(set(make())) }
        return Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!)._withUnsafeGuaranteedRef(body)
    }

    /// Sets the instance unless it was set before, and returns the one that is set.
    @discardableResult
    func set(_ instance: Instance) -> Instance {
        let retained = Unmanaged.passRetained(instance)
        let bits = UInt(bitPattern: retained.toOpaque())
        let (exchanged, existing) = address.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
        if exchanged { return instance }
        retained.release()
        return Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(bitPattern: existing)!).takeUnretainedValue()
    }
}
