#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// The file format of one on-disk batch: a 20-byte header, then the compressed request body.
///
/// Header, little-endian: the magic `VRWQ`, the format version (1), the sample count, the body length and
/// the body's CRC-32. A file is written under a temporary name, synced and renamed, so a crash leaves either
/// a complete file or a `.tmp` one; the length and checksum catch the rest.
package enum QueueFile {
    /// The extension of complete batch files.
    static let fileExtension = ".rwb"
    /// The extension of files being written.
    static let temporaryExtension = ".tmp"
    static let headerSize = 20
    private static let magic: [UInt8] = Array("VRWQ".utf8)
    private static let version: UInt32 = 1

    /// What the header of a file says.
    package struct Header: Equatable {
        let sampleCount: Int
        let bodyLength: Int
        let checksum: UInt32
    }

    /// Why a file cannot be used.
    package struct Damage: Error, CustomStringConvertible {
        package let description: String
    }

    /// The file name of the batch numbered `sequence`: zero-padded, so names sort as numbers do.
    static func name(sequence: UInt64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + fileExtension
    }

    /// The sequence number in a batch file name; nil for any other file.
    static func sequence(inName name: String) -> UInt64? {
        guard name.hasSuffix(fileExtension) else { return nil }
        return UInt64(name.dropLast(fileExtension.count))
    }

    /// The bytes of a file holding `batch`.
    static func contents(of batch: EncodedBatch) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(headerSize + batch.body.count)
        for field in [version, UInt32(batch.sampleCount), UInt32(batch.body.count), checksum(batch.body)] {
            withUnsafeBytes(of: field.littleEndian) { bytes.append(contentsOf: $0) }
        }
        bytes.append(contentsOf: batch.body)
        return bytes
    }

    /// Reads a header and checks it against the file's size.
    package static func header(of bytes: some Collection<UInt8>, fileSize: Int) throws(Damage) -> Header {
        let prefix = Array(bytes.prefix(headerSize))
        guard prefix.count == headerSize else { throw Damage(description: "it is shorter than its header (\(fileSize) bytes)") }
        guard Array(prefix[0..<4]) == magic else { throw Damage(description: "it does not start with the queue file magic") }
        let fields = (0..<4).map { index in
            prefix[4 + index * 4..<8 + index * 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        guard fields[0] == version else { throw Damage(description: "it has format version \(fields[0]), not \(version)") }
        let header = Header(sampleCount: Int(fields[1]), bodyLength: Int(fields[2]), checksum: fields[3])
        guard headerSize + header.bodyLength == fileSize else {
            throw Damage(description: "it is \(fileSize) bytes but its header promises \(headerSize + header.bodyLength): a torn write")
        }
        return header
    }

    /// The batch in a whole file, its checksum verified.
    package static func batch(sequence: UInt64, from bytes: [UInt8]) throws(Damage) -> EncodedBatch {
        let header = try header(of: bytes, fileSize: bytes.count)
        let body = Array(bytes[headerSize...])
        guard checksum(body) == header.checksum else { throw Damage(description: "its checksum does not match its body") }
        return EncodedBatch(sequence: sequence, sampleCount: header.sampleCount, body: body)
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
