import Foundation
import Testing

/// Every Swift sample in the catalog's articles appears, character for character, in `DocumentationExamples.swift`,
/// so each one compiles and runs.
@Suite struct DocumentationExamplesMatchTests {
    private static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    private static let catalog = tests.appendingPathComponent("../../Sources/VernierTesting/VernierTesting.docc").standardized

    @Test(arguments: ["Testing.md", "VernierTesting.md"])
    func everySampleIsATest(article: String) throws {
        let text = try String(contentsOf: Self.catalog.appendingPathComponent(article), encoding: .utf8)
        let examples = try String(contentsOf: Self.tests.appendingPathComponent("DocumentationExamples.swift"), encoding: .utf8)
        for sample in Self.samples(in: text) {
            #expect(examples.contains(sample), "not in DocumentationExamples.swift:\n\(sample)")
        }
    }

    /// The bodies of the article's ```swift blocks.
    private static func samples(in article: String) -> [String] {
        article.components(separatedBy: "```swift\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }
}
