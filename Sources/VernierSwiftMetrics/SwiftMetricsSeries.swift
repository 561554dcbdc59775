import CoreMetrics
import Vernier

/// A swift-metrics label and dimensions as a Vernier instrument name and attributes.
///
/// swift-metrics accepts any label; OpenTelemetry names start with a letter and hold only letters, digits and
/// `_ . - /`, at most 255 of them. A label outside those rules has each other character replaced by `_`
/// (and `metric_` put in front when it does not start with a letter), with one warning naming both.
struct SwiftMetricsSeries {
    let label: String
    let name: String
    let attributes: Attributes

    init(label: String, dimensions: [(String, String)]) {
        self.label = label
        name = Self.instrumentName(forLabel: label)
        attributes = Attributes(dimensions.map { ($0.0, AttributeValue.string($0.1)) })
        if name != label {
            Diagnostics.report(.warning, "swift-metrics label '\(label)' is not a valid instrument name; recording it as '\(name)'",
                               key: "swift-metrics.label.\(label)")
        }
    }

    /// Makes the handler for this series, or, when the label is already an instrument of another kind or value
    /// type, a handler that records nothing, after a warning that says why.
    func make<Handler>(or noop: Handler, _ body: () throws -> Handler) -> Handler {
        do {
            return try body()
        } catch {
            Diagnostics.report(.warning, "swift-metrics '\(label)' is not recorded: \(error)", key: "swift-metrics.conflict.\(label)")
            return noop
        }
    }

    static func instrumentName(forLabel label: String) -> String {
        var name = String(String.UnicodeScalarView(label.unicodeScalars.map { isAllowed($0) ? $0 : "_" }))
        if let first = name.unicodeScalars.first, !isLetter(first) {
            name = "metric_" + name
        } else if name.isEmpty {
            name = "metric"
        }
        return String(name.prefix(255))
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar) || "_.-/".unicodeScalars.contains(scalar)
    }
}
