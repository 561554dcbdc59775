import Foundation
import Testing
import VernierFuzzTargets

/// Every input saved under `Tests/Fuzz`, seeds and the inputs that once crashed a target, run through its target
/// again: a crash here is a regression.
@Suite("Fuzz inputs")
struct FuzzRegressionTests {
    private static let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test("every saved input of a target runs to its end", arguments: FuzzTarget.allCases)
    func savedInputs(of target: FuzzTarget) throws {
        var count = 0
        for folder in ["Seeds", "Crashes"] {
            let directory = Self.inputs.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            for file in files.sorted(by: { $0.path < $1.path }) {
                target.run(Array(try Data(contentsOf: file)))
                count += 1
            }
        }
        #expect(count > 0, "no seed for \(target.rawValue) under Tests/Fuzz/Seeds")
    }
}
