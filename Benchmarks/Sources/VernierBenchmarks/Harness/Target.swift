/// A goal from the issues, checked against the figures of one case and shown in the row it concerns.
struct Target: Sendable {
    /// The row whose figure the goal is about.
    let row: Library
    /// The goal as printed beside the figure: "≤ 3.00 ns".
    let goal: String
    /// Whether the figures meet the goal; nil when the case lacks a needed row.
    let isMet: @Sendable (_ figures: [Library: Measurement]) -> Bool?

    /// At most `limit` nanoseconds per operation.
    static func time(atMost limit: Double, for library: Library = .vernier) -> Target {
        Target(row: library, goal: "≤ \(Format.duration(limit))") { figures in
            figures[library].map { $0.nanosecondsPerOperation <= limit }
        }
    }

    /// At most `limit` nanoseconds per item of what the operation produces or reads, such as per sample of a
    /// parsed body; `item` names the item as the case's `Output` does.
    static func time(atMost limit: Double, per item: String, for library: Library = .vernier) -> Target {
        Target(row: library, goal: "≤ \(Format.duration(limit))/\(item)") { figures in
            figures[library].flatMap { measurement in
                measurement.output.map { measurement.nanosecondsPerOperation / Double(max($0.items, 1)) <= limit }
            }
        }
    }

    /// Vernier has at least `factor` times the throughput of `other`; a factor of 1 means "never slower".
    /// Shown in `other`'s row, beside the ratio.
    static func faster(than other: Library, by factor: Double = 1) -> Target {
        Target(row: other, goal: factor == 1 ? "not slower" : "≥ \(Format.factor(factor)) faster") { figures in
            guard let vernier = figures[.vernier], let theirs = figures[other] else { return nil }
            return theirs.nanosecondsPerOperation / vernier.nanosecondsPerOperation >= factor
        }
    }

    /// Vernier with its defaults costs at most `limit` nanoseconds more per operation than `baseline`: what an
    /// optional part of the work, such as exemplar capture, adds. Shown in Vernier's row.
    static func addsAtMost(_ limit: Double, to baseline: Library) -> Target {
        Target(row: .vernier, goal: "adds ≤ \(Format.duration(limit)) to \(baseline.rawValue)") { figures in
            guard let vernier = figures[.vernier], let base = figures[baseline] else { return nil }
            return vernier.nanosecondsPerOperation - base.nanosecondsPerOperation <= limit
        }
    }

    /// No heap allocation: fewer than one per thousand operations, counted over a whole calibrated loop.
    static func noAllocation(for library: Library = .vernier) -> Target {
        Target(row: library, goal: "no allocation") { figures in
            figures[library].map { ($0.allocationsPerOperation ?? .infinity) < 0.001 }
        }
    }

    /// At most `limit` heap bytes retained per series.
    static func retainedBytes(atMost limit: Double, for library: Library = .vernier) -> Target {
        Target(row: library, goal: "≤ \(Format.bytes(limit)) per series") { figures in
            figures[library]?.retainedBytesPerOperation.map { $0 <= limit }
        }
    }
}
