/// Changes what a matching instrument produces: its name, description, attributes, aggregation or cardinality limit.
///
/// A view selects instruments by name (with `*` and `?` wildcards), kind, meter name and unit; every criterion
/// left nil matches anything. An instrument matched by several views produces one stream per view; one matched
/// by none produces its default stream.
public struct View: Sendable {
    /// The instrument name pattern: `*` matches any run of characters, `?` any one.
    public var instrumentName: String?
    /// The instrument kind to match.
    public var instrumentKind: InstrumentKind?
    /// The meter (scope) name to match.
    public var meterName: String?
    /// The instrument unit to match.
    public var instrumentUnit: String?

    /// The stream's name instead of the instrument's.
    public var name: String?
    /// The stream's description instead of the instrument's.
    public var description: String?
    /// The only attribute keys the stream keeps; the others stay on exemplars. Nil keeps all.
    public var attributeKeys: Set<String>?
    /// The aggregation instead of the kind's default.
    public var aggregation: Aggregation
    /// The most series the stream keeps before measurements go to the overflow series.
    public var cardinalityLimit: Int?
    /// Removes a sum or histogram series whose value did not change over this many collections in a row, so
    /// that series a service stops using (a finished job's, a departed client's) give their memory back; nil, the
    /// default, keeps every series until the provider goes.
    ///
    /// A removed series leaves the scrape, where Prometheus marks it stale five minutes later at the latest, and
    /// the next measurement for it starts it again from zero: a counter reset, which `rate()` handles. Handles
    /// bound to it keep working but are no longer reported. With several readers, every reader's collection counts.
    public var idleCollectionsBeforeRemoval: Int?

    /// Creates a view from its selection criteria and the changes it makes.
    public init(
        instrumentName: String? = nil,
        instrumentKind: InstrumentKind? = nil,
        meterName: String? = nil,
        instrumentUnit: String? = nil,
        name: String? = nil,
        description: String? = nil,
        attributeKeys: Set<String>? = nil,
        aggregation: Aggregation = .default,
        cardinalityLimit: Int? = nil,
        idleCollectionsBeforeRemoval: Int? = nil
    ) {
        self.instrumentName = instrumentName
        self.instrumentKind = instrumentKind
        self.meterName = meterName
        self.instrumentUnit = instrumentUnit
        self.name = name
        self.description = description
        self.attributeKeys = attributeKeys
        self.aggregation = aggregation
        self.cardinalityLimit = cardinalityLimit
        self.idleCollectionsBeforeRemoval = idleCollectionsBeforeRemoval.map { max(1, $0) }
    }

    /// A view that drops every instrument matching `instrumentName`.
    public static func drop(instrumentName: String, meterName: String? = nil) -> View {
        View(instrumentName: instrumentName, meterName: meterName, aggregation: .drop)
    }

    func matches(_ instrument: InstrumentDescriptor, scope: InstrumentationScope) -> Bool {
        if let instrumentName, !Self.wildcardMatch(pattern: Array(instrumentName.lowercased().unicodeScalars), text: Array(instrument.name.lowercased().unicodeScalars)) {
            return false
        }
        if let instrumentKind, instrumentKind != instrument.kind { return false }
        if let meterName, meterName != scope.name { return false }
        if let instrumentUnit, instrumentUnit != instrument.unit { return false }
        return true
    }

    private static func wildcardMatch(pattern: [Unicode.Scalar], text: [Unicode.Scalar]) -> Bool {
        var patternIndex = 0
        var textIndex = 0
        var starIndex: Int?
        var resumeText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "?" || pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starIndex = patternIndex
                resumeText = textIndex
                patternIndex += 1
            } else if let star = starIndex {
                patternIndex = star + 1
                resumeText += 1
                textIndex = resumeText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
