/// The figures of one library in one case, as printed and as written to `results/latest.json`.
struct Measurement: Sendable, Encodable {
    /// The case, with its spacing for loop cases: "bound counter add (tight loop)".
    let caseName: String
    let library: Library
    /// The median time of one operation (for footprint cases: of creating one series).
    let nanosecondsPerOperation: Double
    /// Heap allocations per operation, counted by the allocator hook; nil for a library measured in another process.
    let allocationsPerOperation: Double?
    /// Bytes requested from the allocator per operation; nil where allocations are.
    let allocatedBytesPerOperation: Double?
    /// Footprint cases only: heap still in use per series once they exist.
    let retainedBytesPerOperation: Double?
    /// Cases whose operation produces a body: its size and contents.
    let output: Output?

    enum CodingKeys: String, CodingKey {
        case caseName = "case"
        case library
        case nanosecondsPerOperation = "ns_per_op"
        case allocationsPerOperation = "allocs_per_op"
        case allocatedBytesPerOperation = "allocated_bytes_per_op"
        case retainedBytesPerOperation = "retained_bytes_per_op"
        case outputBytesPerOperation = "output_bytes_per_op"
        case outputBytesPerItem = "output_bytes_per_item"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseName, forKey: .caseName)
        try container.encode(library.rawValue, forKey: .library)
        try container.encode(nanosecondsPerOperation, forKey: .nanosecondsPerOperation)
        try container.encodeIfPresent(allocationsPerOperation, forKey: .allocationsPerOperation)
        try container.encodeIfPresent(allocatedBytesPerOperation, forKey: .allocatedBytesPerOperation)
        try container.encodeIfPresent(retainedBytesPerOperation, forKey: .retainedBytesPerOperation)
        try container.encodeIfPresent(output?.bytes, forKey: .outputBytesPerOperation)
        try container.encodeIfPresent(output?.bytesPerItem, forKey: .outputBytesPerItem)
    }
}
