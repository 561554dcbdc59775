/// Reads a Prometheus exposition body, text format 0.0.4 or OpenMetrics 1.0, into metric families.
///
/// Strict where the formats are: names, label syntax, escapes, UTF-8, numbers and timestamps, duplicate labels
/// and series, metadata given twice or after samples, histograms without `+Inf` or with decreasing buckets;
/// for OpenMetrics also single spaces, `# EOF` at the end, families that do not interleave, and the value rules
/// of each type. The text format is read as Prometheus reads it: buckets in any order, unknown escapes kept as
/// written. The first error ends the parse with its line and column; any input is safe to parse.
public struct ExpositionParser: Sendable {
    private let format: ExpositionTextFormat

    /// Creates a parser for one format; see ``ExpositionTextFormat/format(forContentType:)``.
    public init(format: ExpositionTextFormat) {
        self.format = format
    }

    /// Parses a whole body. Throws ExpositionParseError on the first error.
    ///
    /// Syntax errors are reported as they are read; checks that need a whole series or family,
    /// such as a histogram's `+Inf` bucket, are reported when that family ends.
    public func parse(_ body: [UInt8]) throws(ExpositionParseError) -> [ScrapedFamily] {
        try body.withUnsafeBufferPointer { (bytes) throws(ExpositionParseError) -> [ScrapedFamily] in
            var parser = DocumentParser(bytes: bytes, format: format)
            return try parser.parse()
        }
    }
}
