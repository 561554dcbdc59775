#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-metrics label and its dimensions: the key of a `HandlerCache`.
///
/// A request-scoped swift-metrics `Counter` looks its handler up on every request, so the key's hash is worked
/// out once, reading the bytes of the label and the dimension values eight at a time with a per-process seed,
/// and the dictionary hashes only that word. Equality compares bytes, which agrees with that hash; two spellings
/// of one Unicode string get two handlers of the same series.
struct HandlerKey: Hashable, Sendable {
    let label: String
    let dimensions: [(String, String)]
    private let digest: UInt64

    init(label: String, dimensions: [(String, String)]) {
        self.label = label
        self.dimensions = dimensions
        var digest = Self.seed
        Self.mix(label, into: &digest)
        for dimension in dimensions { Self.mix(dimension.1, into: &digest) }
        self.digest = digest
    }

    static func == (lhs: HandlerKey, rhs: HandlerKey) -> Bool {
        guard lhs.digest == rhs.digest, lhs.dimensions.count == rhs.dimensions.count,
              sameBytes(lhs.label, rhs.label) else { return false }
        for index in lhs.dimensions.indices {
            guard sameBytes(lhs.dimensions[index].0, rhs.dimensions[index].0),
                  sameBytes(lhs.dimensions[index].1, rhs.dimensions[index].1) else { return false }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// Chosen at random once per process, so that which strings collide cannot be planned from outside.
    private static let seed = UInt64.random(in: .min ... .max)

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Folds the UTF-8 bytes of `text`, and its length, into `digest`.
    private static func mix(_ text: String, into digest: inout UInt64) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while offset + 8 <= bytes.count {
                    fold(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), into: &digest)
                    offset += 8
                }
            }
            var tail = UInt64(bytes.count) << 56
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            fold(tail, into: &digest)
        }
    }

    private static func fold(_ word: UInt64, into digest: inout UInt64) {
        digest = (digest ^ word) &* multiplier
        digest ^= digest >> 29
    }

    /// Whether two strings have the same UTF-8 bytes.
    private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }
}
