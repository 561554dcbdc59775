#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a Prometheus exposition body, text format 0.0.4 or OpenMetrics 1.0, into metric families.
///
/// Strict where the formats are: names, label syntax, escapes, UTF-8, numbers and timestamps, duplicate
/// label names, duplicate series, `HELP` or `TYPE` given twice, histograms without `+Inf` or with
/// decreasing buckets; for OpenMetrics also single spaces, `# EOF` at the end, metadata before samples,
/// families that do not interleave, counters' `_total` and `_count` equal to the `+Inf` bucket. The first
/// error ends the parse with its line and column. Any input is safe to parse.
public struct ExpositionParser: Sendable {
    /// The format read.
    public let format: ExpositionTextFormat

    /// Creates a parser for `format`.
    public init(format: ExpositionTextFormat) {
        self.format = format
    }

    /// The families of `body`, in the order they first appear.
    public func parse(_ body: [UInt8]) throws(ExpositionParseError) -> [ScrapedFamily] {
        try body.withUnsafeBufferPointer { (bytes) throws(ExpositionParseError) -> [ScrapedFamily] in
            var reader = ExpositionReader(bytes: bytes, isOpenMetrics: format == .openMetrics)
            return try reader.read()
        }
    }
}
