#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte scanner behind `ExpositionParser`: reads lines into metadata and samples and hands them to a
/// `FamilyAssembler`.
struct ExpositionReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let isOpenMetrics: Bool
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var assembler: FamilyAssembler

    init(bytes: UnsafeBufferPointer<UInt8>, isOpenMetrics: Bool) {
        self.bytes = bytes
        self.isOpenMetrics = isOpenMetrics
        assembler = FamilyAssembler(isOpenMetrics: isOpenMetrics)
    }

    mutating func read() throws(ExpositionParseError) -> [ScrapedFamily] {
        var sawEOF = false
        while position < bytes.count {
            if isOpenMetrics {
                if sawEOF { throw error("text after # EOF") }
            } else {
                skipBlanks()
                if peek == UInt8(ascii: "\n") {
                    endLine()
                    continue
                }
                if position == bytes.count { break }
            }
            if peek == UInt8(ascii: "#") {
                sawEOF = try readComment()
            } else {
                try readSample()
            }
        }
        if isOpenMetrics, !sawEOF { throw error("missing # EOF at the end") }
        return try assembler.finish()
    }

    // MARK: Lines

    /// Reads a `#` line; true when it is OpenMetrics' `# EOF`.
    private mutating func readComment() throws(ExpositionParseError) -> Bool {
        position += 1
        guard peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") else {
            if isOpenMetrics { throw error("expected a space after #") }
            skipRestOfLine()
            return false
        }
        try separator()
        let keywordStart = position
        while position < bytes.count, isLetter(bytes[position]) { position += 1 }
        let keyword = text(keywordStart..<position)
        if isOpenMetrics, keyword == "EOF" {
            if peek == UInt8(ascii: "\n") { endLine() }
            guard position == bytes.count else { throw error("text after # EOF") }
            return true
        }
        let kind: FamilyAssembler.Metadata
        switch keyword {
        case "HELP": kind = .help
        case "TYPE": kind = .type
        case "UNIT" where isOpenMetrics: kind = .unit
        default:
            if isOpenMetrics { throw error(at: keywordStart, "unknown metadata '\(keyword)'") }
            skipRestOfLine()
            return false
        }
        try separator()
        let nameStart = position
        let name = try metricName()
        let column = position
        var value = ""
        if position < bytes.count, peek != UInt8(ascii: "\n") {
            try separator()
            value = kind == .help ? try helpText() : try word()
        }
        guard position == bytes.count || peek == UInt8(ascii: "\n") else { throw error("expected the end of the line") }
        try assembler.metadata(kind, name: name, value: value, at: location(nameStart), valueAt: location(column))
        try endOfLine()
        return false
    }

    private mutating func readSample() throws(ExpositionParseError) {
        let start = position
        let name = try metricName()
        var labels: [ScrapedLabel] = []
        if peek == UInt8(ascii: "{") {
            labels = try labelSet()
        }
        try separator()
        let valueStart = position
        let value = try number()
        var timestamp: Int64?
        var exemplar: ScrapedExemplar?
        if peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") {
            try separator()
            if peek != UInt8(ascii: "#"), peek != UInt8(ascii: "\n"), position < bytes.count {
                timestamp = try sampleTimestamp()
                if peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") { try separator() }
            }
            if isOpenMetrics, peek == UInt8(ascii: "#") {
                exemplar = try exemplarText()
            }
        }
        guard position == bytes.count || peek == UInt8(ascii: "\n") else { throw error("expected the end of the line") }
        try assembler.sample(
            FamilyAssembler.Sample(name: name, labels: labels, value: value, timestampMilliseconds: timestamp, exemplar: exemplar),
            at: location(start), valueAt: location(valueStart))
        try endOfLine()
    }

    // MARK: Tokens

    private mutating func metricName() throws(ExpositionParseError) -> String {
        let start = position
        guard position < bytes.count, isNameStart(bytes[position], colon: true) else { throw error("expected a metric name") }
        position += 1
        while position < bytes.count, isNameByte(bytes[position], colon: true) { position += 1 }
        return text(start..<position)
    }

    private mutating func labelSet() throws(ExpositionParseError) -> [ScrapedLabel] {
        position += 1
        var labels: [ScrapedLabel] = []
        while true {
            if !isOpenMetrics { skipBlanks() }
            if peek == UInt8(ascii: "}") {
                position += 1
                return labels
            }
            let nameStart = position
            guard position < bytes.count, isNameStart(bytes[position], colon: false) else { throw error("expected a label name") }
            position += 1
            while position < bytes.count, isNameByte(bytes[position], colon: false) { position += 1 }
            let name = text(nameStart..<position)
            if !isOpenMetrics { skipBlanks() }
            guard peek == UInt8(ascii: "=") else { throw error("expected '=' after label name '\(name)'") }
            position += 1
            if !isOpenMetrics { skipBlanks() }
            guard peek == UInt8(ascii: "\"") else { throw error("expected a label value in quotes") }
            let value = try quoted()
            if labels.contains(where: { $0.name == name }) { throw error(at: nameStart, "label '\(name)' given twice") }
            labels.append(ScrapedLabel(name: name, value: value))
            if !isOpenMetrics { skipBlanks() }
            if peek == UInt8(ascii: ",") {
                position += 1
            } else if peek != UInt8(ascii: "}") {
                throw error("expected ',' or '}' in a label set")
            }
        }
    }

    /// A double-quoted label value with `\\`, `\"` and `\n` escapes.
    private mutating func quoted() throws(ExpositionParseError) -> String {
        position += 1
        let start = position
        var hasEscapes = false
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else { throw error("unterminated label value") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 1
                guard position < bytes.count, [UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "n")].contains(bytes[position]) else {
                    throw error("invalid escape in a label value")
                }
            }
            position += 1
        }
        let end = position
        position += 1
        return try utf8(start..<end, unescaping: hasEscapes, quotes: true)
    }

    private mutating func helpText() throws(ExpositionParseError) -> String {
        let start = position
        var hasEscapes = false
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
            if bytes[position] == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 1
                let allowed: [UInt8] = isOpenMetrics ? [UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "n")] : [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                guard position < bytes.count else { throw error("unfinished escape in HELP") }
                if !allowed.contains(bytes[position]), isOpenMetrics { throw error("invalid escape in HELP") }
            }
            position += 1
        }
        return try utf8(start..<position, unescaping: hasEscapes, quotes: isOpenMetrics)
    }

    private mutating func word() throws(ExpositionParseError) -> String {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: " "), bytes[position] != UInt8(ascii: "\t") {
            position += 1
        }
        if !isOpenMetrics { skipBlanks() }
        return try utf8(start..<(start + (position - start)), unescaping: false, quotes: false).trimmingBlanks
    }

    /// A sample or exemplar value: a decimal or exponent number, `NaN`, `+Inf`, `-Inf` (`Inf` in the text format).
    private mutating func number() throws(ExpositionParseError) -> Double {
        let start = position
        while position < bytes.count, !isBlank(bytes[position]), bytes[position] != UInt8(ascii: "\n") { position += 1 }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<position])
        guard let value = Self.parseDouble(token, isOpenMetrics: isOpenMetrics) else { throw error(at: start, "'\(text(start..<position))' is not a number") }
        return value
    }

    /// A sample timestamp: integer milliseconds in the text format, seconds with an optional fraction in OpenMetrics.
    private mutating func sampleTimestamp() throws(ExpositionParseError) -> Int64 {
        let start = position
        if isOpenMetrics {
            let seconds = try number()
            guard seconds.isFinite, abs(seconds) < 9e15 else { throw error(at: start, "timestamp out of range") }
            return Int64((seconds * 1000).rounded())
        }
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var value: Int64 = 0
        let digitsStart = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[position] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw error(at: start, "timestamp out of range") }
            value = sum
            position += 1
        }
        guard position > digitsStart, position == bytes.count || isBlank(bytes[position]) || bytes[position] == UInt8(ascii: "\n") else {
            throw error(at: start, "timestamp is not an integer")
        }
        if !isOpenMetrics { skipBlanks() }
        return negative ? -value : value
    }

    /// ` # {labels} value [timestamp]` after an OpenMetrics sample.
    private mutating func exemplarText() throws(ExpositionParseError) -> ScrapedExemplar {
        let start = position
        position += 1
        guard peek == UInt8(ascii: " ") else { throw error("expected a space after # of an exemplar") }
        position += 1
        guard peek == UInt8(ascii: "{") else { throw error("expected the exemplar's labels") }
        let labels = try labelSet()
        let length = labels.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.value.unicodeScalars.count }
        guard length <= 128 else { throw error(at: start, "exemplar labels longer than 128 characters") }
        try separator()
        let value = try number()
        var timestamp: Double?
        if peek == UInt8(ascii: " ") {
            try separator()
            let timeStart = position
            let seconds = try number()
            guard seconds.isFinite else { throw error(at: timeStart, "exemplar timestamp is not finite") }
            timestamp = seconds
        }
        return ScrapedExemplar(labels: labels, value: value, timestampSeconds: timestamp)
    }

    // MARK: Bytes

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// One space in OpenMetrics; spaces or tabs in the text format.
    private mutating func separator() throws(ExpositionParseError) {
        if isOpenMetrics {
            guard peek == UInt8(ascii: " ") else { throw error("expected a space") }
            position += 1
            if peek == UInt8(ascii: " ") { throw error("expected a single space") }
        } else {
            guard let byte = peek, isBlank(byte) else { throw error("expected a space") }
            skipBlanks()
        }
    }

    private mutating func skipBlanks() {
        while position < bytes.count, isBlank(bytes[position]) { position += 1 }
    }

    private mutating func skipRestOfLine() {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        if position < bytes.count { endLine() }
    }

    private mutating func endOfLine() throws(ExpositionParseError) {
        if position == bytes.count {
            if isOpenMetrics { throw error("missing # EOF at the end") }
            return
        }
        endLine()
    }

    private mutating func endLine() {
        position += 1
        line += 1
        lineStart = position
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func utf8(_ range: Range<Int>, unescaping: Bool, quotes: Bool) throws(ExpositionParseError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard !unescaping else {
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(slice.count)
            var index = 0
            while index < slice.count {
                var byte = slice[index]
                if byte == UInt8(ascii: "\\"), index + 1 < slice.count {
                    index += 1
                    switch slice[index] {
                    case UInt8(ascii: "n"): byte = UInt8(ascii: "\n")
                    case UInt8(ascii: "\\"): byte = UInt8(ascii: "\\")
                    case UInt8(ascii: "\"") where quotes: byte = UInt8(ascii: "\"")
                    default:
                        unescaped.append(byte)
                        byte = slice[index]
                    }
                }
                unescaped.append(byte)
                index += 1
            }
            guard let text = String(validating: unescaped, as: UTF8.self) else { throw error(at: range.lowerBound, "invalid UTF-8") }
            return text
        }
        guard let text = String(validating: slice, as: UTF8.self) else { throw error(at: range.lowerBound, "invalid UTF-8") }
        return text
    }

    private func location(_ offset: Int) -> FamilyAssembler.Location {
        FamilyAssembler.Location(line: line, column: offset - lineStart + 1)
    }

    private func error(_ reason: String) -> ExpositionParseError {
        error(at: position, reason)
    }

    private func error(at offset: Int, _ reason: String) -> ExpositionParseError {
        ExpositionParseError(line: line, column: max(1, offset - lineStart + 1), reason: reason)
    }

    /// Parses a float token: the special words, or digits with an optional sign, point and exponent (no hex,
    /// no spaces), through `strtod` on a stack copy.
    static func parseDouble(_ token: UnsafeBufferPointer<UInt8>, isOpenMetrics: Bool) -> Double? {
        guard !token.isEmpty, token.count < 64 else { return nil }
        switch String(decoding: token, as: UTF8.self) {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "Inf" where !isOpenMetrics: return .infinity
        default: break
        }
        var sawDigit = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: token.count + 1) { buffer -> Double? in
            for index in token.indices { buffer[index] = CChar(bitPattern: token[index]) }
            buffer[token.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == token.count else { return nil }
            return value
        }
    }
}

private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

private func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
}

private func isNameStart(_ byte: UInt8, colon: Bool) -> Bool {
    isLetter(byte) || byte == UInt8(ascii: "_") || (colon && byte == UInt8(ascii: ":"))
}

private func isNameByte(_ byte: UInt8, colon: Bool) -> Bool {
    isNameStart(byte, colon: colon) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}

extension String {
    fileprivate var trimmingBlanks: String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
