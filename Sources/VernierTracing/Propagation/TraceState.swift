/// The W3C `tracestate` header: vendor-specific `key=value` entries that travel with a trace unchanged.
///
/// Parsing follows the W3C rules: at most 32 entries, keys of lowercase letters, digits and `_-*/` with an
/// optional `tenant@system` form, values of printable ASCII without `,` and `=`. A header that breaks a rule
/// is discarded whole, as the specification asks, and the trace continues without it.
public struct TraceState: Sendable, Hashable {
    /// The entries, most recently updated first.
    public private(set) var entries: [(key: String, value: String)]

    /// The most entries a `tracestate` may hold.
    public static let maximumEntries = 32

    /// An empty trace state.
    public init() {
        entries = []
    }

    /// Parses one or more `tracestate` header values, joined with commas; nil when any entry is malformed.
    public init?(header: some StringProtocol) {
        var parsed: [(key: String, value: String)] = []
        for member in String(header).split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = member.trimmingOptionalWhitespace
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            let key = trimmed[..<equals]
            let value = trimmed[trimmed.index(after: equals)...]
            guard Self.isValidKey(key), Self.isValidValue(value),
                  !parsed.contains(where: { $0.key == key })
            else { return nil }
            parsed.append((String(key), String(value)))
        }
        guard parsed.count <= Self.maximumEntries else { return nil }
        entries = parsed
    }

    /// Whether there are no entries, in which case no `tracestate` header is sent.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`, if present.
    public subscript(key: String) -> String? {
        entries.first { $0.key == key }?.value
    }

    /// Sets `key` to `value`, moving the entry to the front as the specification requires for an update.
    ///
    /// Returns false and changes nothing when the key or value is not valid.
    @discardableResult
    public mutating func update(_ key: String, to value: String) -> Bool {
        guard Self.isValidKey(Substring(key)), Self.isValidValue(Substring(value)) else { return false }
        entries.removeAll { $0.key == key }
        entries.insert((key, value), at: 0)
        if entries.count > Self.maximumEntries { entries.removeLast() }
        return true
    }

    /// The header value: entries joined by commas.
    public var header: String {
        entries.map { $0.key + "=" + $0.value }.joined(separator: ",")
    }

    public static func == (lhs: TraceState, rhs: TraceState) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    /// A simple key (`[a-z][a-z0-9_\-*/]{0,255}`) or a multi-tenant one (`tenant@system`, at most 241 and 14 characters).
    static func isValidKey(_ key: Substring) -> Bool {
        if let at = key.firstIndex(of: "@") {
            let tenant = key[..<at]
            let system = key[key.index(after: at)...]
            return (1...241).contains(tenant.utf8.count) && (1...14).contains(system.utf8.count)
                && tenant.utf8.allSatisfy(isKeyCharacter) && isLowercaseLetter(system.utf8.first!)
                && system.utf8.allSatisfy(isKeyCharacter)
        }
        guard let first = key.utf8.first, isLowercaseLetter(first), key.utf8.count <= 256 else { return false }
        return key.utf8.allSatisfy(isKeyCharacter)
    }

    /// Up to 256 printable ASCII characters other than `,` and `=`, not ending in a space.
    static func isValidValue(_ value: Substring) -> Bool {
        guard (1...256).contains(value.utf8.count), value.utf8.last != UInt8(ascii: " ") else { return false }
        return value.utf8.allSatisfy { (0x20...0x7E).contains($0) && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") }
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isKeyCharacter(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "/")
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs, the optional whitespace of HTTP list headers.
    var trimmingOptionalWhitespace: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
