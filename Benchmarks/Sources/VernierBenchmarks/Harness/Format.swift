import Foundation

/// How figures are written in the table.
enum Format {
    /// Nanoseconds in the unit that keeps three significant digits readable.
    static func duration(_ nanoseconds: Double) -> String {
        switch abs(nanoseconds) {
        case ..<100: String(format: "%.2f ns", nanoseconds)
        case ..<10_000: String(format: "%.0f ns", nanoseconds)
        case ..<1_000_000: String(format: "%.1f µs", nanoseconds / 1e3)
        default: String(format: "%.2f ms", nanoseconds / 1e6)
        }
    }

    static func factor(_ ratio: Double) -> String {
        String(format: "×%.1f", ratio)
    }

    static func count(_ value: Double) -> String {
        value == value.rounded() || value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }

    static func bytes(_ value: Double) -> String {
        value >= 10_000 ? String(format: "%.0f kB", value / 1e3) : String(format: "%.0f B", value)
    }

    /// "312 kB, 31.2 B/sample; 85.00 ns, 0.500 allocs per sample": the body, and the measurement per item of it.
    static func output(_ output: Output, of measurement: Measurement) -> String {
        let items = Double(max(output.items, 1))
        var perItem = duration(measurement.nanosecondsPerOperation / items)
        if let allocations = measurement.allocationsPerOperation { perItem += ", \(count(allocations / items)) allocs" }
        return "\(bytes(Double(output.bytes))), \(String(format: "%.1f", output.bytesPerItem)) B/\(output.item); "
            + "\(perItem) per \(output.item)"
    }
}
