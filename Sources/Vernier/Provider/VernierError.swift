/// Why Vernier refused to create an instrument or accept a configuration.
public enum VernierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The instrument name breaks the OpenTelemetry syntax.
    case invalidInstrumentName(String, reason: String)
    /// The unit is longer than 63 characters or not ASCII.
    case invalidUnit(instrument: String, unit: String)
    /// The name is already registered in this meter with another kind, value type or unit.
    case conflictingInstrument(name: String, existing: String, requested: String)
    /// Histogram boundaries that are not finite and strictly increasing.
    case invalidBoundaries(instrument: String, reason: String)

    public var description: String {
        switch self {
        case .invalidInstrumentName(let name, let reason):
            return "invalid instrument name '\(name)': \(reason). Names start with a letter and hold at most 255 letters, digits, '_', '.', '-' or '/'."
        case .invalidUnit(let instrument, let unit):
            return "invalid unit '\(unit)' for instrument '\(instrument)': a unit is at most 63 ASCII characters, such as 's', 'By' or '{request}'."
        case .conflictingInstrument(let name, let existing, let requested):
            return "instrument '\(name)' is already registered as \(existing); cannot register it again as \(requested). Use another name or the same kind, value type and unit."
        case .invalidBoundaries(let instrument, let reason):
            return "invalid histogram boundaries for '\(instrument)': \(reason)."
        }
    }
}
