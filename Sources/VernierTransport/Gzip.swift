import CZlib

/// Gzip compression of request bodies (`Content-Encoding: gzip`) through zlib.
package enum Gzip {
    /// The gzip member holding `bytes`, after `headroom` zero bytes left for a header the caller writes; nil only
    /// if zlib fails, which it does not for valid input.
    package static func compress(_ bytes: [UInt8], headroom: Int = 0) -> [UInt8]? {
        var stream = z_stream()
        let windowBitsWithGzipHeader: Int32 = 15 + 16
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBitsWithGzipHeader, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }

        let bound = Int(deflateBound(&stream, UInt(bytes.count)))
        var output = [UInt8](repeating: 0, count: headroom + bound)
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress! + headroom
                stream.avail_out = UInt32(bound)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
