import Vernier
import VernierPrometheus

/// Builds the label sets of series as remote-write 1.0 requires them: sorted by name, each name once,
/// no empty values, `__name__` present.
///
/// The labels a point's series share (attributes, scope, `job`, `instance`, external labels) are built once
/// per point; `named(_:bucketBound:)` then adds what differs between its series.
struct SeriesLabels {
    /// The label that carries the metric name.
    static let metricName = "__name__"

    /// The shared labels, sorted, without `__name__`.
    private(set) var labels: [SeriesLabel]

    /// The shared labels of a point's series.
    /// - Parameters:
    ///   - attributes: The point's attributes; names that collide after translation have their values
    ///     joined with `;` in the order of their original keys, as the Prometheus exposition does.
    ///   - scope: Scope labels, joined the same way on collision.
    ///   - defaults: `job`, `instance` and external labels, used only where the series has no such label.
    init(attributes: Attributes, scope: [SeriesLabel], defaults: [SeriesLabel], naming: PrometheusNaming) {
        var labels: [SeriesLabel] = []
        labels.reserveCapacity(attributes.count + scope.count + defaults.count + 2)
        for attribute in attributes {
            labels.append(SeriesLabel(name: naming.labelName(attribute.key), value: attribute.value.description))
        }
        labels.append(contentsOf: scope)
        labels = Self.joiningCollisions(labels)
        labels.removeAll { $0.value.isEmpty || $0.name == Self.metricName }
        for label in defaults where !label.value.isEmpty && !labels.contains(where: { $0.name == label.name }) {
            labels.append(label)
        }
        labels.sort { $0.name < $1.name }
        self.labels = labels
    }

    /// The full label set of the series `name`; `bucketBound` is the `le` of a `_bucket` series and
    /// replaces an attribute of that name.
    func named(_ name: String, bucketBound: String? = nil) -> [SeriesLabel] {
        var result = labels
        result.reserveCapacity(labels.count + 2)
        if let bucketBound {
            Self.insert(SeriesLabel(name: "le", value: bucketBound), into: &result)
        }
        Self.insert(SeriesLabel(name: Self.metricName, value: name), into: &result)
        return result
    }

    /// Puts `label` at its sorted place, replacing a label of the same name.
    private static func insert(_ label: SeriesLabel, into labels: inout [SeriesLabel]) {
        var index = 0
        while index < labels.count, labels[index].name < label.name { index += 1 }
        if index < labels.count, labels[index].name == label.name {
            labels[index] = label
        } else {
            labels.insert(label, at: index)
        }
    }

    /// Joins the values of labels that share a name with `;`, keeping their order, the first one's place.
    /// Label sets are small, so a linear search beats hashing here.
    private static func joiningCollisions(_ labels: [SeriesLabel]) -> [SeriesLabel] {
        var joined: [SeriesLabel] = []
        joined.reserveCapacity(labels.count)
        for label in labels {
            if let position = joined.firstIndex(where: { $0.name == label.name }) {
                joined[position] = SeriesLabel(name: label.name, value: joined[position].value + ";" + label.value)
            } else {
                joined.append(label)
            }
        }
        return joined
    }
}
