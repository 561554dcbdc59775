/// A label of a scraped series or exemplar, with its value unescaped.
public struct ScrapedLabel: Sendable, Hashable {
    /// The label name.
    public var name: String
    /// The unescaped label value.
    public var value: String

    /// Creates a label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
