import CZlib

/// Compresses scrape bodies with zlib in the gzip format, for scrapers that send `Accept-Encoding: gzip`.
public enum GzipEncoder {
    /// A zlib failure, with zlib's status code.
    public struct Failure: Error, Sendable, Equatable {
        /// The zlib return code.
        public let status: Int32
    }

    /// The gzip encoding of `bytes` at the default compression level.
    public static func encode(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits plus 16 selects the gzip wrapper.
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(status: status) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        var input = bytes
        status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(status: status) }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
