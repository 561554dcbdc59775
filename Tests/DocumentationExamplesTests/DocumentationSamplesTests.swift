import Foundation
import Testing

/// Every ```swift block of README.md and of the DocC catalogs (`Sources/*/*.docc/*.md`) appears verbatim in the
/// Swift files of this target or in `Tests/VernierTestingTests/DocumentationExamples.swift`, where the build
/// compiles it: a renamed API then breaks the build, not the documentation.
///
/// A block's leading `import` lines must be imports of the file that holds it; the rest must appear there as
/// consecutive lines, compared after removing the common indentation of each side and trailing spaces.
@Suite struct DocumentationSamplesTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everySwiftSampleIsCompiled() throws {
        let sources = try Self.compiledSources()
        var sampleCount = 0
        for document in try Self.documents() {
            let text = try String(contentsOf: document, encoding: .utf8)
            for sample in Self.swiftBlocks(in: text) {
                sampleCount += 1
                let found = sources.contains { sample.appears(in: $0) }
                #expect(found, "\(Self.relativePath(document)): this sample is in no Swift file of DocumentationExamplesTests:\n\(sample.text)")
            }
        }
        #expect(sampleCount >= 20, "found only \(sampleCount) Swift samples; is the documentation where this test looks?")
    }

    /// README.md and every article of every catalog under Sources.
    private static func documents() throws -> [URL] {
        let fileManager = FileManager.default
        var result = [root.appendingPathComponent("README.md")]
        let sourcesDirectory = root.appendingPathComponent("Sources")
        for module in try fileManager.contentsOfDirectory(atPath: sourcesDirectory.path).sorted() {
            let moduleDirectory = sourcesDirectory.appendingPathComponent(module)
            guard let entries = try? fileManager.contentsOfDirectory(atPath: moduleDirectory.path) else { continue }
            for catalog in entries.sorted() where catalog.hasSuffix(".docc") {
                let catalogDirectory = moduleDirectory.appendingPathComponent(catalog)
                for article in try fileManager.contentsOfDirectory(atPath: catalogDirectory.path).sorted() where article.hasSuffix(".md") {
                    result.append(catalogDirectory.appendingPathComponent(article))
                }
            }
        }
        return result
    }

    /// The Swift files the samples may live in, as lines.
    private static func compiledSources() throws -> [[String]] {
        let fileManager = FileManager.default
        let target = root.appendingPathComponent("Tests/DocumentationExamplesTests")
        var files = try fileManager.contentsOfDirectory(atPath: target.path).filter { $0.hasSuffix(".swift") }
            .map { target.appendingPathComponent($0) }
        let testKitExamples = root.appendingPathComponent("Tests/VernierTestingTests/DocumentationExamples.swift")
        if fileManager.fileExists(atPath: testKitExamples.path) { files.append(testKitExamples) }
        return try files.map { try String(contentsOf: $0, encoding: .utf8).components(separatedBy: "\n") }
    }

    /// The ```swift blocks of a Markdown text.
    private static func swiftBlocks(in text: String) -> [Sample] {
        var samples: [Sample] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if var lines = current {
                if fence == "```" {
                    samples.append(Sample(lines: lines))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if fence == "```swift" {
                current = []
            }
        }
        return samples
    }

    private static func relativePath(_ url: URL) -> String {
        String(url.standardized.path.dropFirst(root.standardized.path.count + 1))
    }
}

/// One sample: the imports it starts with and the code after them.
private struct Sample {
    let imports: [String]
    let code: [String]
    let text: String

    init(lines: [String]) {
        text = lines.joined(separator: "\n")
        var rest = lines[...]
        var imports: [String] = []
        while let first = rest.first, first.trimmingCharacters(in: .whitespaces).isEmpty || first.hasPrefix("import ") {
            if first.hasPrefix("import ") { imports.append(first.trimmingCharacters(in: .whitespaces)) }
            rest = rest.dropFirst()
        }
        while let last = rest.last, last.trimmingCharacters(in: .whitespaces).isEmpty { rest = rest.dropLast() }
        self.imports = imports
        code = Sample.dedented(Array(rest))
    }

    /// Whether `file` imports what the sample imports and holds its code as consecutive lines.
    func appears(in file: [String]) -> Bool {
        let fileImports = Set(file.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("import ") })
        guard imports.allSatisfy(fileImports.contains) else { return false }
        guard !code.isEmpty else { return true }
        guard file.count >= code.count else { return false }
        return (0...(file.count - code.count)).contains { start in
            Sample.dedented(Array(file[start..<(start + code.count)])) == code
        }
    }

    /// `lines` without trailing spaces and without the indentation they all share; blank lines become empty.
    static func dedented(_ lines: [String]) -> [String] {
        let trimmed = lines.map { line -> String in
            var line = Substring(line)
            while line.last == " " || line.last == "\t" { line = line.dropLast() }
            return String(line)
        }
        let indentation = trimmed.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return trimmed.map { $0.isEmpty ? "" : String($0.dropFirst(indentation)) }
    }
}
