/// One metric family of a scrape: its metadata and all of its series, in body order.
public struct ScrapedFamily: Sendable, Equatable {
    /// The family name. OpenMetrics counters and infos are named without their `_total` / `_info` sample suffix;
    /// text 0.0.4 families keep the name of their TYPE or HELP line, or of their first sample when they have neither.
    public var name: String
    /// The declared type; `.unknown` for text 0.0.4 `untyped` and for families without a TYPE line.
    public var type: ScrapedMetricType
    /// The unescaped HELP text, or "" when absent.
    public var help: String
    /// The OpenMetrics UNIT, or "" when absent.
    public var unit: String
    /// The series of the family, in order of first appearance.
    public var series: [ScrapedSeries]

    /// Creates a family from its parts.
    public init(name: String, type: ScrapedMetricType, help: String = "", unit: String = "", series: [ScrapedSeries]) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.series = series
    }
}
