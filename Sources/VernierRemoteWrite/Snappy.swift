import CSnappy

/// Snappy block compression (not the framed format), as remote-write bodies use it.
enum Snappy {
    /// The most bytes compressing `count` bytes can take.
    static func maxCompressedLength(_ count: Int) -> Int {
        snappy_max_compressed_length(count)
    }

    /// Compresses `input` into the start of `output`, which must hold `maxCompressedLength(input.count)`
    /// bytes; returns the compressed length.
    static func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(RemoteWriteEncodingError) -> Int {
        var length = output.count
        let status = snappy_compress(
            input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
            output.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
        guard status == SNAPPY_OK else { throw .compressionFailed }
        return length
    }

    /// The bytes of a compressed block; nil when it is not valid snappy.
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { source -> [UInt8]? in
                var length = 0
                guard snappy_uncompressed_length(source.baseAddress, source.count, &length) == SNAPPY_OK else { return nil }
                var status = SNAPPY_OK
                let output = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                    var written = length
                    status = buffer.withMemoryRebound(to: CChar.self) { target in
                        snappy_uncompress(source.baseAddress, source.count, target.baseAddress, &written)
                    }
                    initialized = status == SNAPPY_OK ? written : 0
                }
                return status == SNAPPY_OK ? output : nil
            }
        }
    }
}
