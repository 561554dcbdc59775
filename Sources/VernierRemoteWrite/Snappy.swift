import CSnappy

/// Snappy block compression (not the framed format), as remote-write bodies use it.
enum Snappy {
    /// The compressed block of `bytes`.
    static func compress(_ bytes: [UInt8]) throws(RemoteWriteEncodingError) -> [UInt8] {
        let bound = snappy_max_compressed_length(bytes.count)
        var length = bound
        var status = SNAPPY_OK
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            status = bytes.withUnsafeBufferPointer { input in
                input.withMemoryRebound(to: CChar.self) { source in
                    buffer.withMemoryRebound(to: CChar.self) { target in
                        snappy_compress(source.baseAddress, source.count, target.baseAddress, &length)
                    }
                }
            }
            initialized = status == SNAPPY_OK ? length : 0
        }
        guard status == SNAPPY_OK else { throw .compressionFailed }
        return output
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
