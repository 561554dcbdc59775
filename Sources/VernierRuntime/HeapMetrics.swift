import Vernier

/// The C heap metrics from glibc's `mallinfo2()`, observable gauges sharing one reading per collection.
enum HeapMetrics {
    /// Registers the heap metrics; where the C library has no `mallinfo2()` they report nothing and say so once.
    static func register(with registrar: InstrumentRegistrar) {
        let heap = SharedReading(read: HeapStatistics.read)
        let inUseUser = heap.addUser(), heldUser = heap.addUser()
        registrar.register(
            .gauge, RuntimeMetricNaming.heapInUse, unit: "By",
            description: "C heap bytes allocated by the program and not yet freed (mallinfo2 uordblks + hblkhd).",
            valueType: Int.self
        ) { observer in
            observer.observe(try heap.value(for: inUseUser).inUse)
        }
        registrar.register(
            .gauge, RuntimeMetricNaming.heapHeld, unit: "By",
            description: "C heap bytes the allocator holds from the operating system (mallinfo2 arena + hblkhd).",
            valueType: Int.self
        ) { observer in
            observer.observe(try heap.value(for: heldUser).held)
        }
    }
}
