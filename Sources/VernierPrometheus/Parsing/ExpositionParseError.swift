/// Why a body is not valid exposition, and where: the first error a parser found.
public struct ExpositionParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The byte column in the line, from 1.
    public var column: Int
    /// What is wrong, such as `expected a label value in quotes`.
    public var reason: String

    /// Creates an error.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}
