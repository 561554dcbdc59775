/// One thing measured across libraries, with the goals it is held to.
struct BenchmarkCase: Sendable {
    let name: String
    /// Threads running the operation at once on the same instruments.
    let threads: Int
    /// The spacings loop workloads run with; targets are checked in the first.
    let spacings: [Spacing]
    let setups: LibrarySetups
    let targets: [Target]

    init(
        name: String, threads: Int = 1, spacings: [Spacing] = [.tight, .someWork],
        setups: LibrarySetups, targets: [Target] = []
    ) {
        self.name = name
        self.threads = threads
        self.spacings = spacings
        self.setups = setups
        self.targets = targets
    }

    /// The name a loop measurement is reported under.
    func variantName(_ spacing: Spacing) -> String {
        spacings.count > 1 ? "\(name) (\(spacing.label))" : name
    }

    /// The names measurements of this case may be reported under: one per spacing for loops, `name` for footprints.
    var reportedNames: [String] {
        let loops = spacings.map(variantName)
        return loops.contains(name) ? loops : loops + [name]
    }

    /// The same Vernier operation on a provider with no reader, Vernier alone.
    func onProviderWithoutReader(targets: [Target]) -> BenchmarkCase {
        var vernierAlone = LibrarySetups(vernier: setups.vernier)
        vernierAlone.vernierVariants = [.noReader]
        return BenchmarkCase(
            name: "\(name), provider with no reader", threads: threads, spacings: spacings, setups: vernierAlone, targets: targets)
    }
}
