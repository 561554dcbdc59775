import Dispatch
import Foundation

/// Runs a one-shot peer command (promtool, a Python script) on some input and captures what it prints.
enum PeerCommand {
    /// What a command did.
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input, and waits for it to exit on a
    /// Dispatch thread, so that the wait blocks none of the Swift concurrency threads other tests need.
    static func runInBackground(_ executable: String, _ arguments: [String], input: [UInt8] = []) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(executable, arguments, input: input) })
            }
        }
    }

    /// Runs a command and waits for it on the calling thread; for quick checks such as whether a peer exists.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peer-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("stdin")
        let outputFile = directory.appendingPathComponent("stdout")
        let errorFile = directory.appendingPathComponent("stderr")
        try Data(input).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        )
    }
}
