/// Checks UTF-8 one sequence at a time, so scanners can validate non-ASCII text in the same pass that tokenizes it.
enum UTF8Validation {
    /// The length of the well-formed UTF-8 sequence starting at `index`, or nil if it is malformed
    /// (overlong, surrogate, beyond U+10FFFF, or truncated).
    static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        switch lead {
        case 0xC2...0xDF:
            return continues(bytes, at: index + 1) ? 2 : nil
        case 0xE0:
            return continues(bytes, at: index + 1, from: 0xA0) && continues(bytes, at: index + 2) ? 3 : nil
        case 0xED:
            return continues(bytes, at: index + 1, through: 0x9F) && continues(bytes, at: index + 2) ? 3 : nil
        case 0xE1...0xEF:
            return continues(bytes, at: index + 1) && continues(bytes, at: index + 2) ? 3 : nil
        case 0xF0:
            return continues(bytes, at: index + 1, from: 0x90) && continues(bytes, at: index + 2)
                && continues(bytes, at: index + 3) ? 4 : nil
        case 0xF1...0xF3:
            return continues(bytes, at: index + 1) && continues(bytes, at: index + 2)
                && continues(bytes, at: index + 3) ? 4 : nil
        case 0xF4:
            return continues(bytes, at: index + 1, through: 0x8F) && continues(bytes, at: index + 2)
                && continues(bytes, at: index + 3) ? 4 : nil
        default:
            return nil
        }
    }

    /// The offset of the first malformed sequence in `bytes[start..<end]`, or nil if the range is valid UTF-8.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            guard let length = sequenceLength(in: bytes, at: index), index + length <= end else { return index }
            index += length
        }
        return nil
    }

    private static func continues(
        _ bytes: UnsafeBufferPointer<UInt8>,
        at index: Int,
        from lower: UInt8 = 0x80,
        through upper: UInt8 = 0xBF
    ) -> Bool {
        index < bytes.count && bytes[index] >= lower && bytes[index] <= upper
    }
}
