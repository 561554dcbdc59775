/// The one table `make bench` prints, in Markdown so that README can show it as is.
///
/// Each non-Vernier row shows how Vernier (the first Vernier row of its case) compares: by time per
/// operation, or by heap retained per series in memory cases. Targets sit in the row they concern and are
/// checked in a case's first variant: the tight loop.
struct ReportTable {
    let cases: [BenchmarkCase]
    let measurements: [Measurement]

    private static let header = ["case", "library", "time/op", "allocs/op", "alloc bytes/op", "retained/series", "output/op", "Vernier is", "target"]

    /// The table, and how many targets pass out of how many were checked.
    func render() -> (text: String, passed: Int, checked: Int) {
        var rows: [[String]] = []
        var passed = 0, checked = 0
        for benchmark in cases {
            let variants = benchmark.reportedNames.filter { name in measurements.contains { $0.caseName == name } }
            for variant in variants {
                let group = measurements.filter { $0.caseName == variant }
                let figures = Dictionary(group.map { ($0.library, $0) }, uniquingKeysWith: { first, _ in first })
                let reference = group.first { $0.library.isVernier }
                let targets = variant == variants.first ? benchmark.targets : []
                for (index, measurement) in group.enumerated() {
                    let verdicts = targets.filter { $0.row == measurement.library }.compactMap { target -> String? in
                        guard let met = target.isMet(figures) else { return nil }
                        checked += 1
                        if met { passed += 1 }
                        return "\(target.goal): \(met ? "PASS" : "MISS")"
                    }
                    rows.append([
                        index == 0 ? variant : "",
                        measurement.library.rawValue,
                        Format.duration(measurement.nanosecondsPerOperation),
                        measurement.allocationsPerOperation.map(Format.count) ?? "",
                        measurement.allocatedBytesPerOperation.map(Format.bytes) ?? "",
                        measurement.retainedBytesPerOperation.map(Format.bytes) ?? "",
                        measurement.output.map { Format.output($0, of: measurement) } ?? "",
                        reference.map { Self.comparison(of: $0, with: measurement) } ?? "",
                        verdicts.joined(separator: "; "),
                    ])
                }
            }
        }
        return (Self.markdown([Self.header] + rows), passed, checked)
    }

    private static func comparison(of vernier: Measurement, with other: Measurement) -> String {
        guard !other.library.isVernier else { return "" }
        if let vernierBytes = vernier.retainedBytesPerOperation, let otherBytes = other.retainedBytesPerOperation {
            let ratio = otherBytes / vernierBytes
            return ratio >= 1 ? "\(Format.factor(ratio)) smaller" : "\(Format.factor(1 / ratio)) larger"
        }
        let ratio = other.nanosecondsPerOperation / vernier.nanosecondsPerOperation
        guard ratio.isFinite, ratio > 0 else { return "n/a" }
        return ratio >= 1 ? "\(Format.factor(ratio)) faster" : "\(Format.factor(1 / ratio)) slower"
    }

    private static func markdown(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(rows[0]), rule] + rows.dropFirst().map(line)).joined(separator: "\n")
    }
}
