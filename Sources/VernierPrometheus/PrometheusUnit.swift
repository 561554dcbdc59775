/// The words Prometheus names use for UCUM units, from the OpenTelemetry compatibility specification.
enum PrometheusUnit {
    /// The unit as a name suffix word, or nil when it adds nothing to the name.
    ///
    /// `{...}` annotations are dropped, `1` is `ratio` for gauges and nothing otherwise, `X/Y` is
    /// `X_per_Y` with `Y` in the singular, and units outside the table keep their sanitized spelling.
    static func word(for unit: String, isGauge: Bool) -> String? {
        let plain = withoutAnnotations(unit)
        guard !plain.isEmpty else { return nil }
        if plain == "1" { return isGauge ? "ratio" : nil }
        let parts = plain.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let numerator = parts[0].isEmpty ? "" : (units[String(parts[0])] ?? String(parts[0]))
        var word = numerator
        if parts.count == 2, !parts[1].isEmpty {
            let denominator = perUnits[String(parts[1])] ?? String(parts[1])
            word = numerator.isEmpty ? "per_" + denominator : numerator + "_per_" + denominator
        }
        let sanitized = PrometheusNaming.sanitize(word, allowsColon: false)
        let trimmed = sanitized.utf8.first == UInt8(ascii: "_") || sanitized.utf8.last == UInt8(ascii: "_")
            ? String(sanitized.split(separator: "_").joined(separator: "_"))
            : sanitized
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The UCUM unit a Prometheus unit word stands for, such as `s` for `seconds`; an unknown word as it is.
    static func ucum(forWord word: String) -> String {
        ucumByWord[word] ?? word
    }

    private static let ucumByWord = Dictionary(units.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })

    private static func withoutAnnotations(_ unit: String) -> String {
        guard unit.contains("{") else { return unit }
        var result = ""
        var depth = 0
        for character in unit {
            switch character {
            case "{": depth += 1
            case "}": depth = max(0, depth - 1)
            default: if depth == 0 { result.append(character) }
            }
        }
        return result
    }

    private static let units: [String: String] = [
        "d": "days", "h": "hours", "min": "minutes", "s": "seconds", "ms": "milliseconds", "us": "microseconds",
        "ns": "nanoseconds",
        "By": "bytes", "KiBy": "kibibytes", "MiBy": "mebibytes", "GiBy": "gibibytes", "TiBy": "tibibytes",
        "KBy": "kilobytes", "MBy": "megabytes", "GBy": "gigabytes", "TBy": "terabytes",
        "m": "meters", "V": "volts", "A": "amperes", "J": "joules", "W": "watts", "g": "grams",
        "Cel": "celsius", "Hz": "hertz", "%": "percent",
    ]

    private static let perUnits: [String: String] = [
        "s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year",
    ]
}
