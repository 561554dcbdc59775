/// The library or component that created a meter: its name, version and schema, as OTLP groups metrics.
public struct InstrumentationScope: Hashable, Sendable {
    /// The scope name, usually the instrumenting library's module, such as `shop.checkout`.
    public let name: String
    /// The version of the instrumenting library, if known.
    public let version: String?
    /// The OpenTelemetry schema URL the scope's names follow, if any.
    public let schemaURL: String?
    /// Attributes describing the scope itself.
    public let attributes: Attributes

    /// Creates a scope description.
    public init(name: String, version: String? = nil, schemaURL: String? = nil, attributes: Attributes = .empty) {
        self.name = name
        self.version = version
        self.schemaURL = schemaURL
        self.attributes = attributes
    }
}
