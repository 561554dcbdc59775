/// What a line starting with `#` turned out to be.
enum HashLine {
    case metadata(MetadataLine)
    /// A text 0.0.4 comment, which carries no data.
    case comment
    /// The OpenMetrics `# EOF` line, which ends the body.
    case endOfBody
}
