import CZlib
import Testing
@testable import VernierTransport

@Suite struct GzipTests {
    @Test func producesAGzipMemberThatInflatesToTheInput() throws {
        let input = Array(String(repeating: "vernier metrics ", count: 500).utf8)
        let compressed = try #require(Gzip.compress(input))
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(compressed.count < input.count / 10)
        #expect(inflate(compressed, expectedSize: input.count) == input)
    }

    @Test func leavesTheHeadroomAskedForBeforeTheMember() throws {
        let input = Array(String(repeating: "vernier metrics ", count: 500).utf8)
        let compressed = try #require(Gzip.compress(input, headroom: 5))
        #expect(compressed.prefix(7) == [0, 0, 0, 0, 0, 0x1F, 0x8B])
        #expect(inflate(Array(compressed.dropFirst(5)), expectedSize: input.count) == input)
    }

    @Test func compressesAnEmptyBody() throws {
        let compressed = try #require(Gzip.compress([]))
        #expect(inflate(compressed, expectedSize: 0) == [])
    }

    private func inflate(_ bytes: [UInt8], expectedSize: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expectedSize + 16)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
