/// Prints each snapshot in a readable form, for debugging and examples.
public struct ConsoleMetricExporter: MetricExporter {
    /// The temporality to ask for.
    public let temporalityPreference: TemporalityPreference
    private let write: @Sendable (String) -> Void

    /// Creates an exporter writing to standard output, or to `write`.
    public init(temporalityPreference: TemporalityPreference = .cumulative, write: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.temporalityPreference = temporalityPreference
        self.write = write
    }

    public func export(_ snapshot: MetricsSnapshot) async throws {
        write(Self.render(snapshot))
    }

    public func shutdown() async {}

    /// The text the exporter prints for a snapshot: one line per point, indented under its scope and metric.
    public static func render(_ snapshot: MetricsSnapshot) -> String {
        var lines: [String] = []
        for group in snapshot.resourceMetrics {
            lines.append("resource " + format(group.resource.attributes))
            for scope in group.scopes {
                lines.append("  scope \(scope.scope.name)" + (scope.scope.version.map { " \($0)" } ?? ""))
                for metric in scope.metrics {
                    lines.append("    \(metric.name) [\(metric.unit)] \(kind(of: metric.data)) - \(metric.description)")
                    lines.append(contentsOf: pointLines(metric.data).map { "      " + $0 })
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func kind(of data: MetricData) -> String {
        switch data {
        case .sum(let sum): return "\(sum.isMonotonic ? "counter" : "up-down counter"), \(sum.temporality.rawValue)"
        case .gauge: return "gauge"
        case .histogram(let histogram): return "histogram, \(histogram.temporality.rawValue)"
        case .exponentialHistogram(let histogram): return "exponential histogram, \(histogram.temporality.rawValue)"
        case .summary: return "summary"
        }
    }

    private static func pointLines(_ data: MetricData) -> [String] {
        switch data {
        case .sum(let sum): return sum.points.map(numberLine)
        case .gauge(let gauge): return gauge.points.map(numberLine)
        case .histogram(let histogram):
            return histogram.points.map { point in
                let buckets = zip(point.boundaries.map { "≤\($0)" } + ["+Inf"], point.bucketCounts).map { "\($0):\($1)" }
                return "\(format(point.attributes)) count=\(point.count) sum=\(point.sum) buckets[\(buckets.joined(separator: " "))]"
                    + exemplarSuffix(point.exemplars)
            }
        case .exponentialHistogram(let histogram):
            return histogram.points.map { point in
                "\(format(point.attributes)) count=\(point.count) sum=\(point.sum) scale=\(point.scale) zero=\(point.zeroCount)"
                    + " positive@\(point.positive.offset)=\(point.positive.counts) negative@\(point.negative.offset)=\(point.negative.counts)"
            }
        case .summary(let summary):
            return summary.points.map { point in
                let quantiles = point.quantiles.map { "q\($0.quantile):\($0.value)" }
                return "\(format(point.attributes)) count=\(point.count) sum=\(point.sum) quantiles[\(quantiles.joined(separator: " "))]"
            }
        }
    }

    private static func numberLine(_ point: NumberPoint) -> String {
        let value: String
        switch point.value {
        case .int(let integer): value = String(integer)
        case .double(let double): value = String(double)
        }
        return "\(format(point.attributes)) \(value)" + exemplarSuffix(point.exemplars)
    }

    private static func exemplarSuffix(_ exemplars: [Exemplar]) -> String {
        exemplars.isEmpty ? "" : " exemplars: " + exemplars.map { "\($0.value.doubleValue)@\($0.traceID?.hex ?? "-")" }.joined(separator: ", ")
    }

    private static func format(_ attributes: Attributes) -> String {
        "{" + attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
