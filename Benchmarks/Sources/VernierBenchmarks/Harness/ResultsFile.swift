import Foundation

/// Writes the figures to `Benchmarks/results/latest.json` as a list of
/// `{"case", "library", "ns_per_op", "allocs_per_op", "allocated_bytes_per_op"}`, plus
/// `"retained_bytes_per_op"` in memory cases.
enum ResultsFile {
    static var location: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Harness
            .deletingLastPathComponent()  // VernierBenchmarks
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Benchmarks
            .appendingPathComponent("results/latest.json")
    }

    static func write(_ measurements: [Measurement]) throws -> URL {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = location
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(measurements).write(to: url)
        return url
    }
}
