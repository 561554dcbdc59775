/// Reads the lines of an exposition body token by token, enforcing the syntax of one text format.
///
/// OpenMetrics separates tokens with exactly one space and allows no blanks elsewhere; text 0.0.4 allows
/// runs of spaces and tabs between tokens, around label syntax and at both ends of a line.
struct ExpositionLexer {
    typealias Failure = ExpositionParseError

    let bytes: UnsafeBufferPointer<UInt8>
    let format: ExpositionTextFormat
    private(set) var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, format: ExpositionTextFormat) {
        self.bytes = bytes
        self.format = format
    }

    /// The byte at the read position, or nil at the end of the body.
    var currentByte: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    func error(_ reason: String, at offset: Int) -> Failure {
        ExpositionParseError(reason, at: offset, in: bytes)
    }

    /// Skips spaces and tabs; returns whether there were any.
    @discardableResult
    mutating func skipBlanks() -> Bool {
        let start = position
        while position < bytes.count, bytes[position] == ASCII.space || bytes[position] == ASCII.tab {
            position += 1
        }
        return position > start
    }

    /// Steps over the line feed at the read position.
    mutating func skipLineFeed() {
        position += 1
    }

    // MARK: - Lines starting with #

    /// Reads a line starting with `#` at the read position.
    mutating func readHashLine() throws(Failure) -> HashLine {
        switch format {
        case .openMetrics: try readOpenMetricsHashLine()
        case .prometheusText: try readTextHashLine()
        }
    }

    private mutating func readOpenMetricsHashLine() throws(Failure) -> HashLine {
        let lineStart = position
        guard position + 1 < bytes.count, bytes[position + 1] == ASCII.space else {
            throw unexpected("expected a space after '#'", at: position + 1)
        }
        position += 2
        if matches("EOF", at: position) {
            let afterKeyword = position + 3
            if afterKeyword == bytes.count
                || (bytes[afterKeyword] == ASCII.lineFeed && afterKeyword + 1 == bytes.count) {
                position = bytes.count
                return .endOfBody
            }
            let trailing = bytes[afterKeyword] == ASCII.lineFeed ? afterKeyword + 1 : afterKeyword
            throw error("text after # EOF", at: trailing)
        }
        let kind: MetadataLine.Kind
        if matches("HELP ", at: position) {
            kind = .help
        } else if matches("TYPE ", at: position) {
            kind = .type
        } else if matches("UNIT ", at: position) {
            kind = .unit
        } else {
            throw error("expected HELP, TYPE, UNIT or EOF after '# '; OpenMetrics has no other comments", at: position)
        }
        position += 5
        let (nameStart, nameEnd) = try readMetricName(after: "# \(kind.keyword)")
        guard position < bytes.count, bytes[position] == ASCII.space else {
            throw unexpected("expected a space after the metric name", at: position)
        }
        position += 1
        let textStart = position
        switch kind {
        case .help:
            position = try scanLineText(from: position, checkingEscapes: true)
        case .type:
            while position < bytes.count, ASCII.isLetter(bytes[position]) { position += 1 }
        case .unit:
            while position < bytes.count, ASCII.isMetricNameByte(bytes[position]) { position += 1 }
        }
        let textEnd = position
        try finishLine(kind == .help ? "expected a line feed" : "expected a line feed after the \(kind.keyword) value")
        return .metadata(MetadataLine(
            kind: kind, lineStart: lineStart, nameStart: nameStart, nameEnd: nameEnd,
            textStart: textStart, textEnd: textEnd
        ))
    }

    private mutating func readTextHashLine() throws(Failure) -> HashLine {
        let lineStart = position
        position += 1
        if skipBlanks(), let kind = textKeyword() {
            position += 4
            skipBlanks()
            let (nameStart, nameEnd) = try readMetricName(after: "# \(kind.keyword)")
            let hadBlank = skipBlanks()
            let textStart = position
            switch kind {
            case .help:
                guard hadBlank || isAtLineEnd else {
                    throw unexpected("expected whitespace after the metric name", at: position)
                }
                position = try scanLineText(from: position, checkingEscapes: false)
            case .type, .unit:
                guard !isAtLineEnd else { throw unexpected("expected a metric type", at: position) }
                guard hadBlank else { throw unexpected("expected whitespace after the metric name", at: position) }
                while position < bytes.count, !isTokenEnd(bytes[position]) { position += 1 }
            }
            let textEnd = position
            skipBlanks()
            try finishLine("expected a line feed after the metric type")
            return .metadata(MetadataLine(
                kind: kind, lineStart: lineStart, nameStart: nameStart, nameEnd: nameEnd,
                textStart: textStart, textEnd: textEnd
            ))
        }
        position = try scanLineText(from: position, checkingEscapes: false)
        try finishLine("expected a line feed")
        return .comment
    }

    /// `HELP` or `TYPE` followed by a blank at the read position.
    private func textKeyword() -> MetadataLine.Kind? {
        guard position + 4 < bytes.count, bytes[position + 4] == ASCII.space || bytes[position + 4] == ASCII.tab else {
            return nil
        }
        if matches("HELP", at: position) { return .help }
        if matches("TYPE", at: position) { return .type }
        return nil
    }

    // MARK: - Samples

    /// Reads a sample line at the read position into `sample`.
    mutating func readSample(into sample: inout SampleLine) throws(Failure) {
        sample.reset(at: position)
        guard position < bytes.count, ASCII.isMetricNameStart(bytes[position]) else {
            throw unexpected("expected a metric name", at: position)
        }
        position += 1
        while position < bytes.count, ASCII.isMetricNameByte(bytes[position]) { position += 1 }
        sample.nameEnd = position

        switch format {
        case .openMetrics:
            if currentByte == ASCII.openBrace {
                try readLabels(into: &sample.labels)
            }
            sample.labelsEnd = position
            try consumeSpace("expected a space before the value")
        case .prometheusText:
            let hadBlank = skipBlanks()
            if currentByte == ASCII.openBrace {
                try readLabels(into: &sample.labels)
                sample.labelsEnd = position
                skipBlanks()
            } else {
                sample.labelsEnd = sample.nameEnd
                guard hadBlank || isAtLineEnd else {
                    throw unexpected("expected whitespace or '{' after the metric name", at: position)
                }
            }
        }

        let (valueStart, valueEnd) = try readToken("expected a value")
        guard let value = ExpositionNumber.parseFloat(bytes, from: valueStart, to: valueEnd) else {
            throw malformedToken("value is not a number", from: valueStart, to: valueEnd)
        }
        sample.value = value
        sample.valueOffset = valueStart

        switch format {
        case .openMetrics: try readOpenMetricsSampleEnd(into: &sample)
        case .prometheusText: try readTextSampleEnd(into: &sample)
        }
    }

    private mutating func readTextSampleEnd(into sample: inout SampleLine) throws(Failure) {
        skipBlanks()
        if !isAtLineEnd {
            let (start, end) = try readToken("expected a timestamp")
            guard let timestamp = ExpositionNumber.parseInteger(bytes, from: start, to: end) else {
                if ExpositionNumber.isInteger(bytes, from: start, to: end) {
                    throw error("timestamp out of range", at: start)
                }
                throw malformedToken("timestamp is not an integer number of milliseconds", from: start, to: end)
            }
            sample.timestampMilliseconds = timestamp
            skipBlanks()
        }
        try finishLine("expected a line feed after the sample")
    }

    private mutating func readOpenMetricsSampleEnd(into sample: inout SampleLine) throws(Failure) {
        if isAtLineEnd {
            try finishLine("expected a line feed")
            return
        }
        try consumeSpace("expected a space or a line feed after the value")
        if currentByte != ASCII.hash {
            let (start, end) = try readToken("expected a timestamp")
            guard let seconds = ExpositionNumber.parseFloat(bytes, from: start, to: end), seconds.isFinite else {
                throw malformedToken("timestamp is not a finite number of seconds", from: start, to: end)
            }
            guard let milliseconds = ExpositionNumber.milliseconds(fromSeconds: seconds) else {
                throw error("timestamp out of range", at: start)
            }
            sample.timestampMilliseconds = milliseconds
            if isAtLineEnd {
                try finishLine("expected a line feed")
                return
            }
            try consumeSpace("expected a space or a line feed after the timestamp")
            guard currentByte == ASCII.hash else {
                throw unexpected("expected '#' to start an exemplar", at: position)
            }
        }
        try readExemplar(into: &sample)
    }

    private mutating func readExemplar(into sample: inout SampleLine) throws(Failure) {
        sample.exemplarOffset = position
        position += 1
        try consumeSpace("expected a space after '#'")
        guard currentByte == ASCII.openBrace else {
            throw unexpected("expected '{' to start the exemplar labels", at: position)
        }
        try readLabels(into: &sample.exemplarLabels)
        try consumeSpace("expected a space before the exemplar value")
        let (valueStart, valueEnd) = try readToken("expected an exemplar value")
        guard let value = ExpositionNumber.parseFloat(bytes, from: valueStart, to: valueEnd) else {
            throw malformedToken("exemplar value is not a number", from: valueStart, to: valueEnd)
        }
        sample.exemplarValue = value
        if !isAtLineEnd {
            try consumeSpace("expected a space or a line feed after the exemplar value")
            let (start, end) = try readToken("expected an exemplar timestamp")
            guard let seconds = ExpositionNumber.parseFloat(bytes, from: start, to: end), seconds.isFinite else {
                throw malformedToken("exemplar timestamp is not a finite number of seconds", from: start, to: end)
            }
            sample.exemplarTimestampSeconds = seconds
        }
        sample.hasExemplar = true
        try finishLine("expected a line feed after the exemplar")
    }

    // MARK: - Labels

    /// Reads `{name="value",...}` at the read position.
    private mutating func readLabels(into labels: inout [RawLabel]) throws(Failure) {
        let allowsBlanks = format == .prometheusText
        position += 1
        if allowsBlanks { skipBlanks() }
        if currentByte == ASCII.closeBrace {
            position += 1
            return
        }
        while true {
            guard position < bytes.count, ASCII.isLabelNameStart(bytes[position]) else {
                throw unexpected("expected a label name", at: position)
            }
            let nameStart = position
            position += 1
            while position < bytes.count, ASCII.isLabelNameByte(bytes[position]) { position += 1 }
            let nameEnd = position
            if allowsBlanks { skipBlanks() }
            guard currentByte == ASCII.equals else {
                throw unexpected("expected '=' after the label name", at: position)
            }
            position += 1
            if allowsBlanks { skipBlanks() }
            guard currentByte == ASCII.quote else {
                throw unexpected("expected a label value in quotes", at: position)
            }
            let valueStart = position + 1
            let (valueEnd, hasEscapes) = try scanQuotedValue(from: valueStart)
            labels.append(RawLabel(
                nameStart: nameStart, nameEnd: nameEnd,
                valueStart: valueStart, valueEnd: valueEnd, hasEscapes: hasEscapes
            ))
            position = valueEnd + 1
            if allowsBlanks { skipBlanks() }
            switch currentByte {
            case ASCII.closeBrace:
                position += 1
                return
            case ASCII.comma:
                position += 1
                if allowsBlanks {
                    skipBlanks()
                    if currentByte == ASCII.closeBrace {
                        position += 1
                        return
                    }
                }
            default:
                throw unexpected("expected ',' or '}' after the label value", at: position)
            }
        }
    }

    /// Scans a label value from just after its opening quote.
    /// Returns the offset of the closing quote and whether the value holds escapes that decoding changes.
    private func scanQuotedValue(from start: Int) throws(Failure) -> (end: Int, hasEscapes: Bool) {
        var index = start
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote { return (index, hasEscapes) }
            if byte < 0x80 {
                if byte == ASCII.backslash {
                    guard index + 1 < bytes.count else { break }
                    if ASCII.isEscapable(bytes[index + 1]) {
                        hasEscapes = true
                        index += 2
                        continue
                    }
                    if format == .openMetrics { throw invalidEscape(at: index) }
                } else if byte == ASCII.lineFeed {
                    throw error("unterminated label value", at: index)
                }
                index += 1
            } else {
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: index) else {
                    throw error("invalid UTF-8", at: index)
                }
                index += length
            }
        }
        throw error("unterminated label value", at: bytes.count)
    }

    // MARK: - Tokens

    private var isAtLineEnd: Bool {
        position >= bytes.count || bytes[position] == ASCII.lineFeed
    }

    private func isTokenEnd(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.lineFeed || (byte == ASCII.tab && format == .prometheusText)
    }

    private func matches(_ word: StaticString, at offset: Int) -> Bool {
        guard offset + word.utf8CodeUnitCount <= bytes.count else { return false }
        return word.withUTF8Buffer { expected in
            UnsafeBufferPointer(rebasing: bytes[offset..<offset + expected.count]).elementsEqual(expected)
        }
    }

    private mutating func readMetricName(after context: String) throws(Failure) -> (start: Int, end: Int) {
        let start = position
        guard position < bytes.count, ASCII.isMetricNameStart(bytes[position]) else {
            throw unexpected("expected a metric name after \(context)", at: position)
        }
        position += 1
        while position < bytes.count, ASCII.isMetricNameByte(bytes[position]) { position += 1 }
        return (start, position)
    }

    /// Reads a non-empty token running to the next separator or line end.
    private mutating func readToken(_ expectation: String) throws(Failure) -> (start: Int, end: Int) {
        let start = position
        while position < bytes.count, !isTokenEnd(bytes[position]) { position += 1 }
        guard position > start else { throw unexpected(expectation, at: start) }
        return (start, position)
    }

    private mutating func consumeSpace(_ expectation: String) throws(Failure) {
        guard currentByte == ASCII.space else { throw unexpected(expectation, at: position) }
        position += 1
    }

    /// Steps over the line feed ending a line. The body may end instead only in text 0.0.4;
    /// an OpenMetrics body that ends there lacks its `# EOF`.
    private mutating func finishLine(_ expectation: String) throws(Failure) {
        if position < bytes.count {
            guard bytes[position] == ASCII.lineFeed else { throw unexpected(expectation, at: position) }
            position += 1
        } else if format == .openMetrics {
            throw error("missing # EOF", at: position)
        }
    }

    /// Returns the end of the text running to the end of the line, checking UTF-8
    /// and, when `checkingEscapes` is set, that every backslash starts a valid escape sequence.
    private func scanLineText(from start: Int, checkingEscapes: Bool) throws(Failure) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == ASCII.lineFeed { return index }
                if checkingEscapes, byte == ASCII.backslash {
                    guard index + 1 < bytes.count, ASCII.isEscapable(bytes[index + 1]) else {
                        throw invalidEscape(at: index)
                    }
                    index += 2
                } else {
                    index += 1
                }
            } else {
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: index) else {
                    throw error("invalid UTF-8", at: index)
                }
                index += length
            }
        }
        return index
    }

    // MARK: - Errors

    private func unexpected(_ expectation: String, at offset: Int) -> Failure {
        guard offset < bytes.count else {
            return error("\(expectation), found the end of the body", at: offset)
        }
        let byte = bytes[offset]
        switch byte {
        case ASCII.lineFeed:
            return error("\(expectation), found a line feed", at: offset)
        case ASCII.space:
            return error("\(expectation), found a space", at: offset)
        case ASCII.tab:
            return error("\(expectation), found a tab", at: offset)
        case 0x21...0x7E:
            return error("\(expectation), found '\(Character(Unicode.Scalar(byte)))'", at: offset)
        case 0x80...:
            guard let length = UTF8Validation.sequenceLength(in: bytes, at: offset) else {
                return error("invalid UTF-8", at: offset)
            }
            let character = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
            return error("\(expectation), found '\(character)'", at: offset)
        default:
            return error("\(expectation), found byte 0x\(String(byte, radix: 16, uppercase: true))", at: offset)
        }
    }

    /// An error for a token that does not parse, preferring "invalid UTF-8" when the token holds malformed UTF-8.
    private func malformedToken(_ reason: String, from start: Int, to end: Int) -> Failure {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes, from: start, to: end) {
            return error("invalid UTF-8", at: offset)
        }
        let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return error("\(reason): '\(token)'", at: start)
    }

    private func invalidEscape(at offset: Int) -> Failure {
        if offset + 1 < bytes.count, (0x21...0x7E).contains(bytes[offset + 1]) {
            return error("invalid escape sequence '\\\(Character(Unicode.Scalar(bytes[offset + 1])))'", at: offset)
        }
        return error("invalid escape sequence", at: offset)
    }
}
