/// What identifies an instrument within its meter: name, kind, unit, description and value type.
public struct InstrumentDescriptor: Sendable, Hashable {
    /// The instrument name, such as `http.server.request.duration`.
    public let name: String
    /// The instrument kind.
    public let kind: InstrumentKind
    /// The UCUM unit, empty when unitless.
    public let unit: String
    /// A human description.
    public let description: String
    /// `Int` or `Double`, by name.
    public let valueType: String

    init(name: String, kind: InstrumentKind, unit: String, description: String, valueType: String) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.description = description
        self.valueType = valueType
    }

    /// Checks the name and unit against the OpenTelemetry syntax.
    func validate() throws {
        let scalars = name.unicodeScalars
        guard let first = scalars.first else {
            throw VernierError.invalidInstrumentName(name, reason: "the name is empty")
        }
        guard first.isASCII, first.properties.isAlphabetic else {
            throw VernierError.invalidInstrumentName(name, reason: "the first character must be an ASCII letter")
        }
        guard scalars.count <= 255 else {
            throw VernierError.invalidInstrumentName(name, reason: "the name has \(scalars.count) characters")
        }
        if let bad = scalars.first(where: { !Self.isNameCharacter($0) }) {
            throw VernierError.invalidInstrumentName(name, reason: "character '\(bad)' is not allowed")
        }
        guard unit.utf8.count <= 63, unit.unicodeScalars.allSatisfy(\.isASCII) else {
            throw VernierError.invalidUnit(instrument: name, unit: unit)
        }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-", "/": return true
        default: return false
        }
    }

    /// How a conflict message shows this instrument.
    var summary: String {
        "\(kind.rawValue)<\(valueType)> with unit '\(unit)'"
    }
}
