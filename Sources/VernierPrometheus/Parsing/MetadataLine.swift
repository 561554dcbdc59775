/// A `# HELP`, `# TYPE` or `# UNIT` line as read by the lexer.
struct MetadataLine {
    enum Kind {
        case help
        case type
        case unit

        var keyword: String {
            switch self {
            case .help: "HELP"
            case .type: "TYPE"
            case .unit: "UNIT"
            }
        }
    }

    var kind: Kind
    var lineStart: Int
    var nameStart: Int
    var nameEnd: Int
    /// The raw help text, type word or unit.
    var textStart: Int
    var textEnd: Int
}
