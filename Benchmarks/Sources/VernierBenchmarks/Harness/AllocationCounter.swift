import CAllocationCounter

/// Counts heap allocations made by the whole process while `counting` runs; the hook lives in `CAllocationCounter`.
enum AllocationCounter {
    struct Counts {
        var allocations: UInt64
        var bytes: UInt64
    }

    /// Runs `body` with counting on and returns what it allocated, on every thread.
    static func counting(_ body: () -> Void) -> Counts {
        allocation_counter_reset()
        allocation_counter_set_enabled(true)
        body()
        allocation_counter_set_enabled(false)
        return Counts(allocations: allocation_counter_allocations(), bytes: allocation_counter_bytes())
    }

    /// Heap bytes in use now, chunk overhead included (glibc `mallinfo2`).
    static var heapBytesInUse: UInt64 { heap_bytes_in_use() }
}
