import Vernier
import VernierPrometheus

/// Builds the label set of a series as remote-write 1.0 requires it: sorted by name, each name once,
/// no empty values, `__name__` first in byte order.
enum SeriesLabels {
    /// The label that carries the metric name.
    static let metricName = "__name__"

    /// The labels of one series.
    /// - Parameters:
    ///   - name: The sample name, such as `http_server_request_duration_seconds_bucket`.
    ///   - attributes: The point's attributes; names that collide after translation have their values
    ///     joined with `;` in the order of their original keys, as the Prometheus exposition does.
    ///   - scope: Scope labels, joined the same way on collision.
    ///   - bucketBound: The `le` value of a `_bucket` series; it replaces an attribute of that name.
    ///   - defaults: `job`, `instance` and external labels, used only where the series has no such label.
    static func build(
        name: String, attributes: Attributes, scope: [SeriesLabel], bucketBound: String? = nil,
        defaults: [SeriesLabel], naming: PrometheusNaming
    ) -> [SeriesLabel] {
        var labels: [SeriesLabel] = []
        labels.reserveCapacity(attributes.count + scope.count + defaults.count + 2)
        for attribute in attributes {
            labels.append(SeriesLabel(name: naming.labelName(attribute.key), value: attribute.value.description))
        }
        labels.append(contentsOf: scope)
        labels = joiningCollisions(labels)
        if let bucketBound {
            labels.removeAll { $0.name == "le" }
            labels.append(SeriesLabel(name: "le", value: bucketBound))
        }
        labels.removeAll { $0.name == metricName }
        labels.append(SeriesLabel(name: metricName, value: name))
        for label in defaults where !labels.contains(where: { $0.name == label.name }) {
            labels.append(label)
        }
        labels.removeAll { $0.value.isEmpty }
        labels.sort { $0.name < $1.name }
        return labels
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
