/// A case that cannot be measured as set up, such as a peer that did the same work differently.
struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
