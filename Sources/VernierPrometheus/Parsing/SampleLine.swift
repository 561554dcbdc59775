/// One sample line as read by the lexer; reused from line to line so reading allocates nothing.
struct SampleLine {
    /// The offset of the metric name, where the sample starts.
    var start = 0
    var nameEnd = 0
    /// The offset just past the name and labels.
    var labelsEnd = 0
    var labels: [RawLabel] = []
    var value = 0.0
    var valueOffset = 0
    var timestampMilliseconds: Int64?
    var hasExemplar = false
    var exemplarOffset = 0
    var exemplarLabels: [RawLabel] = []
    var exemplarValue = 0.0
    var exemplarTimestampSeconds: Double?

    mutating func reset(at offset: Int) {
        start = offset
        labels.removeAll(keepingCapacity: true)
        timestampMilliseconds = nil
        hasExemplar = false
        exemplarLabels.removeAll(keepingCapacity: true)
        exemplarTimestampSeconds = nil
    }

    /// The sample's name and labels as written, for error messages.
    func writtenSeries(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<labelsEnd]), as: UTF8.self)
    }
}
