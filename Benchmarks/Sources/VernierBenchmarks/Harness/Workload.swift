/// What one library does in one benchmark case, set up and ready to measure.
enum Workload: Sendable {
    /// An operation measured in loops: `run(iterations, spacing)` performs it `iterations` times.
    /// In a multi-thread case the runner calls `run` on every thread at once.
    /// `output` describes what one operation produces, for operations that produce a body.
    case loop(@Sendable (_ iterations: Int, _ spacing: Spacing) -> Void, output: Output? = nil)
    /// Series created in a library instance that was made just before and that `create` keeps alive:
    /// `create()` creates `series` of them.
    case footprint(series: Int, create: @Sendable () -> Void)
    /// An operation timed by another process, such as a Python library's: its median time per operation.
    case external(nanosecondsPerOperation: Double, output: Output?)
}

/// The size of what one operation produces, such as a request body, and what it carries.
struct Output: Sendable {
    let bytes: Int
    /// How many items the bytes carry, and what an item is: 10 000 "sample".
    let items: Int
    let item: String

    var bytesPerItem: Double { Double(bytes) / Double(max(items, 1)) }
}
