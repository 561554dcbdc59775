/// Consumes a value so that the optimizer cannot drop the computation that produced it.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {}
