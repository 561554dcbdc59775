import CVernierRuntimeShims

/// The C allocator's heap, from glibc's `mallinfo2()`.
struct HeapStatistics {
    /// Bytes handed out to the program and not yet freed.
    var inUse: Int
    /// Bytes the allocator holds from the operating system.
    var held: Int

    /// Reads the current statistics; throws where the C library is not glibc 2.33 or later.
    static func read() throws -> HeapStatistics {
        var statistics = vernier_heap_statistics()
        guard vernier_read_heap_statistics(&statistics) else {
            throw RuntimeReadingError("the C library has no mallinfo2() (glibc 2.33 or later is needed)")
        }
        return HeapStatistics(inUse: Int(clamping: statistics.in_use), held: Int(clamping: statistics.held))
    }
}
