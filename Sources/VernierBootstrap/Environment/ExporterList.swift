import Vernier

/// Reads the comma-separated exporter lists of `OTEL_METRICS_EXPORTER` and `OTEL_TRACES_EXPORTER`.
enum ExporterList {
    /// The exporters the variable `name` lists, in order and without repeats; `none` (alone) selects nothing.
    ///
    /// Unknown names are skipped, as the OpenTelemetry specification asks, with one warning that names them and
    /// the exporters used instead. When the list names no known exporter at all, `current`, the code's list, is kept.
    static func read<Selection: NamedOption & Equatable>(
        _ name: String, from variables: EnvironmentVariables, keeping current: [Selection]
    ) -> [Selection]? {
        guard let text = variables.text(name) else { return nil }
        var selections: [Selection] = []
        var unknown: [String] = []
        var namesNone = false
        for item in text.split(separator: ",") {
            let itemName = item.trimmingSpaces.lowercased()
            if itemName.isEmpty { continue }
            if itemName == "none" {
                namesNone = true
            } else if let selection = Selection.all.first(where: { $0.name == itemName }) {
                if !selections.contains(selection) { selections.append(selection) }
            } else {
                unknown.append(itemName)
            }
        }
        let known = (Selection.all.map(\.name) + ["none"]).joined(separator: ", ")
        let given = "\(name)=\(EnvironmentVariables.quoted(text))"
        guard !selections.isEmpty || namesNone else {
            variables.warn("\(given) names no known exporter (\(known)); keeping \(names(current))")
            return current
        }
        if !unknown.isEmpty {
            let skipped = unknown.map { "'\(Diagnostics.sanitized($0))'" }.joined(separator: ", ")
            let verb = unknown.count == 1 ? "is no known exporter" : "are no known exporters"
            variables.warn("\(given): \(skipped) \(verb) (\(known)) and \(unknown.count == 1 ? "is" : "are") skipped; using \(names(selections))")
        }
        return selections
    }

    /// `selections` as warnings show them: `otlp, console`, or `none`.
    static func names(_ selections: [some NamedOption]) -> String {
        selections.isEmpty ? "none" : selections.map(\.name).joined(separator: ", ")
    }
}
