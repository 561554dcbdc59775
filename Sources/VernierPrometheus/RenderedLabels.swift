/// Reads back the labels an `ExpositionCatalog` rendered for the text formats (`a="x",b="y\"z"`), so that
/// the protobuf format carries exactly the text formats' label names and values.
enum RenderedLabels {
    /// The name and unescaped value of each label in `range` of `buffer`, in order.
    static func pairs(in buffer: ExpositionBuffer, range: Range<Int32>) -> [(name: String, value: String)] {
        buffer.withBytes { bytes in
            var pairs: [(name: String, value: String)] = []
            var index = Int(range.lowerBound)
            let end = min(Int(range.upperBound), bytes.count)
            while index < end {
                let nameStart = index
                while index < end, bytes[index] != UInt8(ascii: "=") { index += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
                index += 2  // `="`
                var value: [UInt8] = []
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < end {
                        index += 1
                        value.append(bytes[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : bytes[index])
                    } else {
                        value.append(bytes[index])
                    }
                    index += 1
                }
                pairs.append((name, String(decoding: value, as: UTF8.self)))
                index += 2  // `",`
            }
            return pairs
        }
    }
}
