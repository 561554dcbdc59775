/// Reads a whole body line by line, groups its samples into metric families and enforces the rules between families.
struct DocumentParser {
    typealias Failure = ExpositionParseError

    private var lexer: ExpositionLexer
    private let format: ExpositionTextFormat
    private var families: [ScrapedFamily] = []
    private var current: FamilyBuilder?
    private var finishedFamilyNames: Set<String> = []
    /// For OpenMetrics: every sample name a finished family may use, mapped to that family's name.
    private var sampleNameOwners: [String: String] = [:]
    private var sample = SampleLine()
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, format: ExpositionTextFormat) {
        self.lexer = ExpositionLexer(bytes: bytes, format: format)
        self.format = format
    }

    mutating func parse() throws(Failure) -> [ScrapedFamily] {
        switch format {
        case .openMetrics:
            while true {
                switch lexer.currentByte {
                case nil:
                    throw lexer.error("missing # EOF", at: lexer.position)
                case ASCII.hash:
                    switch try lexer.readHashLine() {
                    case .metadata(let line):
                        try apply(line)
                    case .comment:
                        break
                    case .endOfBody:
                        try closeCurrentFamily()
                        return families
                    }
                case ASCII.lineFeed:
                    throw lexer.error("blank lines are not allowed", at: lexer.position)
                default:
                    try readSample()
                }
            }
        case .prometheusText:
            while true {
                lexer.skipBlanks()
                switch lexer.currentByte {
                case nil:
                    try closeCurrentFamily()
                    return families
                case ASCII.hash:
                    if case .metadata(let line) = try lexer.readHashLine() {
                        try apply(line)
                    }
                case ASCII.lineFeed:
                    lexer.skipLineFeed()
                default:
                    try readSample()
                }
            }
        }
    }

    private mutating func readSample() throws(Failure) {
        try lexer.readSample(into: &sample)
        let bytes = lexer.bytes
        let role: SampleRole
        if let resolved = current?.role(ofSampleNamed: bytes, from: sample.start, to: sample.nameEnd, format: format) {
            role = resolved
        } else {
            try startFamily(namedFrom: sample.start, to: sample.nameEnd, at: sample.start, bySample: true)
            role = .value
        }
        try current?.record(sample, as: role, in: bytes, format: format, scratch: &scratch)
    }

    private mutating func apply(_ line: MetadataLine) throws(Failure) {
        let bytes = lexer.bytes
        if current?.hasName(bytes, from: line.nameStart, to: line.nameEnd) != true {
            try startFamily(namedFrom: line.nameStart, to: line.nameEnd, at: line.lineStart, bySample: false)
        }
        try current?.apply(line, in: bytes, format: format, scratch: &scratch)
    }

    /// Closes the current family and opens one named `bytes[start..<end]`; a family may not appear twice.
    private mutating func startFamily(
        namedFrom start: Int,
        to end: Int,
        at lineStart: Int,
        bySample: Bool
    ) throws(Failure) {
        let nameBytes = Array(UnsafeBufferPointer(rebasing: lexer.bytes[start..<end]))
        let name = String(decoding: nameBytes, as: UTF8.self)
        if let current, current.name == name {
            throw lexer.error(
                "sample name '\(name)' does not belong to \(current.type.rawValue) metric family '\(name)'",
                at: start
            )
        }
        if finishedFamilyNames.contains(name) {
            throw lexer.error("metric family '\(name)' is interleaved with another family", at: start)
        }
        if bySample, let owner = sampleNameOwners[name] {
            throw lexer.error("metric family '\(owner)' is interleaved with another family", at: start)
        }
        try closeCurrentFamily()
        current = FamilyBuilder(name: name, nameBytes: nameBytes, startOffset: lineStart)
    }

    private mutating func closeCurrentFamily() throws(Failure) {
        guard let family = current else { return }
        current = nil
        let finished = try family.finish(in: lexer.bytes, format: format)
        if format == .openMetrics {
            for sampleName in SampleRole.sampleNames(ofFamily: family.name, type: family.type) {
                if let owner = sampleNameOwners.updateValue(family.name, forKey: sampleName) {
                    throw lexer.error(
                        "metric family '\(family.name)' clashes with metric family '\(owner)' over sample name '\(sampleName)'",
                        at: family.startOffset
                    )
                }
            }
        }
        finishedFamilyNames.insert(family.name)
        families.append(finished)
    }
}
