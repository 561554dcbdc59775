import Foundation
import Testing

/// The protobuf-c sources committed in `Sources/VernierProto` must be what `scripts/gen-proto.sh` makes of
/// `Protos/` today; otherwise someone changed a schema without regenerating.
@Suite struct GeneratedProtoTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let protocC = ["/usr/bin/protoc-c", "/usr/local/bin/protoc-c"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: protocC != nil, "protoc-c is not installed (apt-get install protobuf-c-compiler, or make deps)"))
    func committedSourcesMatchTheSchemas() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-proto-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/gen-proto.sh")
        process.arguments = [output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/gen-proto.sh failed")

        let committed = Self.root.appendingPathComponent("Sources/VernierProto")
        let generated = try Self.files(under: output)
        #expect(!generated.isEmpty)
        for path in generated {
            let fresh = try Data(contentsOf: output.appendingPathComponent(path))
            let existing = try? Data(contentsOf: committed.appendingPathComponent(path))
            #expect(existing == fresh, "Sources/VernierProto/\(path) is stale: run scripts/gen-proto.sh")
        }
        let committedGenerated = try Self.files(under: committed).filter { $0.hasSuffix(".pb-c.c") || $0.hasSuffix(".pb-c.h") }
        #expect(Set(committedGenerated) == Set(generated), "generated files without a schema, or schemas never generated")
    }

    private static func files(under directory: URL) throws -> [String] {
        let directory = directory.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }
}
