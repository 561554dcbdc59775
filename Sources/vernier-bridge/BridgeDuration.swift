import ArgumentParser

/// Durations on the command line: a number and a unit, `ms`, `s`, `m` or `h`, such as `15s`.
enum BridgeDuration {
    static func parse(_ text: String) throws -> Duration {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where text.hasSuffix(unit.suffix) {
            if let number = Double(text.dropLast(unit.suffix.count)), number.isFinite, number >= 0 {
                return .milliseconds(Int64((number * unit.seconds * 1000).rounded()))
            }
        }
        throw ValidationError("'\(text)' is not a duration such as 500ms, 15s, 1m")
    }
}
