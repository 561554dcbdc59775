/// What a loop does between two operations.
enum Spacing: Sendable, Hashable {
    /// Nothing: operations back to back, as fast as the hardware retires them.
    case tight
    /// A fixed amount of integer arithmetic, as a service does other work between two measurements.
    /// The cost of the arithmetic alone is measured separately and subtracted.
    case work(steps: Int)

    /// The spacing used for "with work between operations": about 20 ns of dependent arithmetic here.
    static let someWork = Spacing.work(steps: 16)

    var label: String {
        switch self {
        case .tight: "tight loop"
        case .work: "work between"
        }
    }
}

/// Runs `operation` `iterations` times, passing the iteration index, with `spacing` between calls.
///
/// Inlined into each caller so that `operation` is inlined too and the loop costs what the operation costs.
@inline(__always)
func repeatOperation(_ iterations: Int, spacing: Spacing, _ operation: (Int) -> Void) {
    switch spacing {
    case .tight:
        for index in 0..<iterations { operation(index) }
    case .work(let steps):
        var state = UInt64(truncatingIfNeeded: iterations) | 1
        for index in 0..<iterations {
            operation(index)
            for _ in 0..<steps {
                state ^= state >> 29
                state = state &* 0xBF58_476D_1CE4_E5B9 &+ 0x9E37_79B9
            }
        }
        blackHole(state)
    }
}
