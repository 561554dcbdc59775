import Foundation
import Testing

/// The proto2 schemas in `Protos/` against the descriptors shipped in PyPI's `opentelemetry-proto`: same
/// packages, field numbers, types, packing and oneofs, so protoc-c's output puts upstream's bytes on the wire.
@Suite("OTLP schemas match opentelemetry-proto")
struct OTLPSchemaTests {
    private static let protoc = Peers.executable("protoc")

    @Test(.enabled(if: OTLPReceiver.python != nil && protoc != nil, "needs python3 with opentelemetry-proto and protoc (make deps)"))
    func everyMessageHasTheUpstreamWireShape() async throws {
        let python = try #require(OTLPReceiver.python)
        let protos = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Protos").path
        let (status, output) = try await offTheCooperativePool {
            let result = try PeerCommand.run(python, [Peers.script("otlp_schema_check.py"), protos])
            return (result.status, result.standardOutput + result.standardError)
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("schemas match"))
    }
}
