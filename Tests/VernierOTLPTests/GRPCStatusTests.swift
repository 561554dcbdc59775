import Testing
import VernierTransport
@testable import VernierOTLP

@Suite("gRPC status and framing")
struct GRPCStatusTests {
    private func response(_ fields: [String: String], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, fields: fields)
    }

    @Test func theStatusComesFromTheTrailersWithItsRetryInfo() {
        // google.rpc.Status{code: 8, message: "slow down", details: [RetryInfo{retry_delay: 1.5 s}]}, unpadded base64.
        let details = "CAgSCXNsb3cgZG93bho2Cih0eXBlLmdvb2dsZWFwaXMuY29tL2dvb2dsZS5ycGMuUmV0cnlJbmZvEgoKCAgBEIDKte4B"
        let exhausted = GRPCStatus(of: response(["grpc-status": "8", "grpc-message": "slow%20down", "grpc-status-details-bin": details]))
        #expect(exhausted.code == 8 && exhausted.message == "slow down" && exhausted.retryDelay == .milliseconds(1500))
        #expect(exhausted.verdict == .retry(after: .milliseconds(1500)) && exhausted.name == "RESOURCE_EXHAUSTED")
        #expect(GRPCStatus(of: response(["grpc-status": "8"])).verdict == .refused)
    }

    @Test(arguments: [
        (["grpc-status": "0"], 200, ResponseVerdict.accepted),
        (["grpc-status": "14"], 200, .retry(after: nil)),
        (["grpc-status": "4"], 200, .retry(after: nil)),
        (["grpc-status": "3"], 200, .refused),
        (["grpc-status": "16"], 200, .refused),
        ([:], 200, .refused),
        ([:], 503, .retry(after: nil)),
        ([:], 404, .refused),
    ])
    func eachStatusGetsTheVerdictTheOTLPSpecificationGivesIt(fields: [String: String], status: Int, verdict: ResponseVerdict) {
        #expect(GRPCStatus(of: response(fields, status: status)).verdict == verdict)
    }

    @Test func framesCarryTheLengthAndTheCompressedFlag() throws {
        let message: [UInt8] = Array(repeating: 7, count: 300)
        let encode = { (headroom: Int) throws(OTLPEncodingError) in [UInt8](repeating: 0, count: headroom) + message }
        let plain = try GRPCMessageFrame.framed(compressed: false, encode: encode)
        #expect(Array(plain.prefix(5)) == [0, 0, 0, 1, 44] && GRPCMessageFrame.firstMessage(in: plain) == message)
        let gzipped = try GRPCMessageFrame.framed(compressed: true, encode: encode)
        #expect(gzipped[0] == 1 && gzipped.count < plain.count)
        let gzippedLength = Int(gzipped[1]) << 24 | Int(gzipped[2]) << 16 | Int(gzipped[3]) << 8 | Int(gzipped[4])
        #expect(gzippedLength == gzipped.count - 5 && gzipped[5...6] == [0x1F, 0x8B])
        #expect(GRPCMessageFrame.firstMessage(in: [0, 0, 0, 0, 9, 1]) == nil)
    }
}
