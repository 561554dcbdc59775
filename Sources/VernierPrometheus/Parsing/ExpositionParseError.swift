/// A malformed exposition body, located by line and byte column so the offending input can be found.
public struct ExpositionParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the offending byte.
    public var line: Int
    /// The 1-based byte column of the offending byte within its line.
    public var column: Int
    /// What is wrong, for example "expected a label value in quotes".
    public var reason: String

    /// The error as "line 3, column 14: reason", for logs and scrape reports.
    public var description: String {
        "line \(line), column \(column): \(reason)"
    }

    /// Creates an error at `line` and `column`, to compare with one a parse threw.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// Creates an error for the byte at `offset` of `bytes`, counting lines and columns up to it.
    init(_ reason: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let limit = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < limit {
            if bytes[index] == ASCII.lineFeed {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(line: line, column: limit - lineStart + 1, reason: reason)
    }
}
