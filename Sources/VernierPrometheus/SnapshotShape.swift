import Vernier

/// Everything about a snapshot that an `ExpositionCatalog` depends on: the naming, the resource, the scopes,
/// each metric's name, description, unit and kind, and the attributes of its points in order. Values,
/// timestamps and exemplars are left out, so consecutive scrapes of an unchanged set of series match.
///
/// Texts and attributes are compared byte for byte rather than with `==`, which treats canonically
/// equivalent Unicode as equal although the exposition would spell it differently. Attribute sets that
/// share storage, as the points of one series do from collection to collection, compare in one step.
struct SnapshotShape: Sendable {
    /// The aggregation of a metric and what decides whether it can be exposed.
    private enum Kind: Equatable {
        case sum(AggregationTemporality, isMonotonic: Bool)
        case gauge
        case histogram(AggregationTemporality)
        case exponentialHistogram(AggregationTemporality)
        case summary

        init(_ data: MetricData) {
            switch data {
            case .sum(let sum): self = .sum(sum.temporality, isMonotonic: sum.isMonotonic)
            case .gauge: self = .gauge
            case .histogram(let histogram): self = .histogram(histogram.temporality)
            case .exponentialHistogram(let histogram): self = .exponentialHistogram(histogram.temporality)
            case .summary: self = .summary
            }
        }
    }

    private struct MetricShape: Sendable {
        let name: String
        let description: String
        let unit: String
        let kind: Kind
        /// The attributes of each point.
        let pointAttributes: [Attributes]
        /// The indices of histogram points whose bucket counts do not fit their boundaries.
        let malformedPoints: [Int]

        init(_ metric: Metric) {
            name = metric.name
            description = metric.description
            unit = metric.unit
            kind = Kind(metric.data)
            pointAttributes = metric.data.pointAttributes
            malformedPoints = Self.malformedPoints(of: metric.data)
        }

        func matches(_ metric: Metric) -> Bool {
            guard isIdentical(name, metric.name), isIdentical(description, metric.description), isIdentical(unit, metric.unit),
                  kind == Kind(metric.data) else { return false }
            switch metric.data {
            case .sum(let sum): return Self.matches(sum.points, pointAttributes) { $0.attributes }
            case .gauge(let gauge): return Self.matches(gauge.points, pointAttributes) { $0.attributes }
            case .histogram(let histogram):
                return Self.matches(histogram.points, pointAttributes) { $0.attributes }
                    && Self.malformedPoints(of: metric.data) == malformedPoints
            case .exponentialHistogram(let histogram): return Self.matches(histogram.points, pointAttributes) { $0.attributes }
            case .summary(let summary): return Self.matches(summary.points, pointAttributes) { $0.attributes }
            }
        }

        private static func matches<Point>(_ points: [Point], _ attributes: [Attributes], of point: (Point) -> Attributes) -> Bool {
            guard points.count == attributes.count else { return false }
            for index in points.indices where !isIdentical(point(points[index]), attributes[index]) {
                return false
            }
            return true
        }

        private static func malformedPoints(of data: MetricData) -> [Int] {
            guard case .histogram(let histogram) = data else { return [] }
            return histogram.points.indices.filter { PrometheusModel.isMalformed(histogram.points[$0]) }
        }
    }

    private struct ScopeShape: Sendable {
        let name: String
        let version: String?
        let metrics: [MetricShape]

        func matches(_ scope: ScopeMetrics) -> Bool {
            guard isIdentical(name, scope.scope.name), scope.scope.version.map({ isIdentical(version, $0) }) ?? (version == nil),
                  metrics.count == scope.metrics.count else { return false }
            return zip(metrics, scope.metrics).allSatisfy { $0.matches($1) }
        }
    }

    private let naming: PrometheusNaming
    private let resource: Attributes
    private let scopes: [ScopeShape]

    /// The shape of a snapshot as exposed with a naming.
    init(_ snapshot: MetricsSnapshot, naming: PrometheusNaming) {
        self.naming = naming
        resource = snapshot.resourceMetrics.first?.resource.attributes ?? .empty
        scopes = snapshot.scopes.map { scope in
            ScopeShape(name: scope.scope.name, version: scope.scope.version, metrics: scope.metrics.map(MetricShape.init))
        }
    }

    /// Whether a catalog built for this shape exposes `snapshot` with `naming` exactly as a new one would.
    func matches(_ snapshot: MetricsSnapshot, naming: PrometheusNaming) -> Bool {
        guard naming == self.naming, snapshot.resourceMetrics.count == 1, isIdentical(resource, snapshot.resourceMetrics[0].resource.attributes),
              scopes.count == snapshot.scopes.count
        else {
            return false
        }
        return zip(scopes, snapshot.scopes).allSatisfy { $0.matches($1) }
    }
}

/// Whether two texts have the same UTF-8 bytes; no text is identical to a missing one.
private func isIdentical(_ lhs: String?, _ rhs: String) -> Bool {
    guard let lhs else { return false }
    return lhs.utf8.elementsEqual(rhs.utf8)
}

/// Whether two attribute sets render the same: the same storage, or the same keys and values byte for byte.
private func isIdentical(_ lhs: Attributes, _ rhs: Attributes) -> Bool {
    guard lhs.elements.count == rhs.elements.count else { return false }
    let sharesStorage = lhs.elements.withUnsafeBufferPointer { left in
        rhs.elements.withUnsafeBufferPointer { right in left.baseAddress == right.baseAddress }
    }
    if sharesStorage { return true }
    return zip(lhs.elements, rhs.elements).allSatisfy { isIdentical($0.key, $1.key) && isIdentical($0.value, $1.value) }
}

/// Whether two attribute values render the same: texts byte for byte, doubles bit for bit.
private func isIdentical(_ lhs: AttributeValue, _ rhs: AttributeValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(let left), .string(let right)):
        return isIdentical(left, right)
    case (.double(let left), .double(let right)):
        return left.bitPattern == right.bitPattern
    case (.stringArray(let left), .stringArray(let right)):
        return left.count == right.count && zip(left, right).allSatisfy { isIdentical($0, $1) }
    case (.doubleArray(let left), .doubleArray(let right)):
        return left.map(\.bitPattern) == right.map(\.bitPattern)
    default:
        return lhs == rhs
    }
}
