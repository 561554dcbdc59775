/// The labels every series of one instrumentation scope may get besides its attributes, merged by name once
/// per scope.
///
/// Two kinds meet here: scope labels (`otel_scope_name`, `otel_scope_version`), whose values are joined after
/// those of same-named attributes, and defaults (a push's `job`, `instance` and external labels), which a
/// series gets only where it has no non-empty label of that name.
package struct LabelContext: Sendable {
    /// What one label name brings from the context.
    package struct Entry: Sendable {
        let name: String
        /// The scope label's value, joined after an attribute's value.
        let scopeValue: String?
        /// The first non-empty default of this name.
        let defaultValue: String?
    }

    /// The entries sorted by name, each name once, `__name__` left out.
    let entries: [Entry]

    /// The context of one scope.
    /// - Parameters:
    ///   - scope: Scope labels, in the order their values are joined.
    ///   - defaults: Default labels; for a repeated name the first non-empty value counts.
    package init(scope: [PrometheusLabel], defaults: [PrometheusLabel] = []) {
        var entries: [String: Entry] = [:]
        for label in scope where label.name != PrometheusLabel.metricName {
            let joined = entries[label.name]?.scopeValue.map { $0 + PrometheusLabel.valueSeparator + label.value } ?? label.value
            entries[label.name] = Entry(name: label.name, scopeValue: joined, defaultValue: nil)
        }
        for label in defaults where label.name != PrometheusLabel.metricName && !label.value.isEmpty {
            let entry = entries[label.name]
            guard entry?.defaultValue == nil else { continue }
            entries[label.name] = Entry(name: label.name, scopeValue: entry?.scopeValue, defaultValue: label.value)
        }
        self.entries = entries.values.sorted { LabelLayout.precedes($0.name, $1.name) }
    }
}
