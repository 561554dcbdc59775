import VernierPrometheus

/// Parses `text` in `format`.
func parse(_ text: String, as format: ExpositionTextFormat) throws(ExpositionParseError) -> [ScrapedFamily] {
    try ExpositionParser(format: format).parse(Array(text.utf8))
}

/// The error parsing `bytes` in `format` throws, or nil if it parses.
func parseFailure(_ bytes: [UInt8], as format: ExpositionTextFormat) -> ExpositionParseError? {
    do {
        _ = try ExpositionParser(format: format).parse(bytes)
        return nil
    } catch {
        return error
    }
}

func label(_ name: String, _ value: String) -> ScrapedLabel {
    ScrapedLabel(name: name, value: value)
}

extension ScrapedValue {
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var histogram: ScrapedHistogram? {
        if case .histogram(let histogram) = self { return histogram }
        return nil
    }

    var summary: ScrapedSummary? {
        if case .summary(let summary) = self { return summary }
        return nil
    }
}
