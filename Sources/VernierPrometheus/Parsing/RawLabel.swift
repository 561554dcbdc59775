/// A label as written in the body: byte offsets of its name and of its value between the quotes.
struct RawLabel {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    /// Whether the value holds escape sequences that decoding changes.
    var hasEscapes: Bool

    func hasName(_ name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard nameEnd - nameStart == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]).elementsEqual(expected)
        }
    }

    func name(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
    }

    /// The label with its value unescaped.
    func scrapedLabel(in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> ScrapedLabel {
        let value = hasEscapes
            ? EscapedText.decode(bytes, from: valueStart, to: valueEnd, unescapingQuotes: true, scratch: &scratch)
            : String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
        return ScrapedLabel(name: name(in: bytes), value: value)
    }

    /// Whether this label, as written, equals `label`; false whenever the value holds escapes.
    func isWritten(as label: ScrapedLabel, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !hasEscapes
            && Self.text(label.name, equals: bytes, from: nameStart, to: nameEnd)
            && Self.text(label.value, equals: bytes, from: valueStart, to: valueEnd)
    }

    /// The index of the first label whose name repeats an earlier one, or nil if all names differ.
    static func indexOfRepeatedName(in labels: [RawLabel], bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if labels.count <= 16 {
            for later in labels.indices {
                let name = UnsafeBufferPointer(rebasing: bytes[labels[later].nameStart..<labels[later].nameEnd])
                for earlier in 0..<later {
                    let other = labels[earlier]
                    if other.nameEnd - other.nameStart == name.count,
                       UnsafeBufferPointer(rebasing: bytes[other.nameStart..<other.nameEnd]).elementsEqual(name) {
                        return later
                    }
                }
            }
            return nil
        }
        var seen = Set<String>()
        for index in labels.indices where !seen.insert(labels[index].name(in: bytes)).inserted {
            return index
        }
        return nil
    }

    private static func text(
        _ string: String,
        equals bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int
    ) -> Bool {
        let written = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard string.utf8.count == written.count else { return false }
        return string.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(written) }
            ?? string.utf8.elementsEqual(written)
    }
}
