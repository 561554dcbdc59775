/// Hides the `user:password@` part of URLs, whatever their scheme, as `****@`.
public enum URLCredentials {
    private static let mask = SecretRegistry.mask

    /// `url`, a configured value meant as a URL, with everything before the last `@` of its authority masked:
    /// `gopher://user:secret@host` and `user:secret@host:9090` both keep only the host.
    public static func masked(_ url: String) -> String {
        let text = url[...]
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let (authority, rest) = maskingAuthority(text[start...])
        return String(text[..<start]) + authority + rest
    }

    /// `text` with the credentials of every `scheme://user:password@host` in it masked, for free text such as
    /// a log line or an error message.
    public static func maskingCredentials(in text: String) -> String {
        guard text.contains("@") else { return text }
        var result = ""
        var rest = text[...]
        while let separator = rest.firstRange(of: "://") {
            result += rest[..<separator.upperBound]
            let (authority, after) = maskingAuthority(rest[separator.upperBound...])
            result += authority
            rest = after
        }
        return result + rest
    }

    /// The authority at the start of `text`, masked up to its last `@`, and the text after it. The authority
    /// ends at the first `/`, `?`, `#` or white space.
    private static func maskingAuthority(_ text: Substring) -> (authority: String, rest: Substring) {
        let end = text.firstIndex { "/?#".contains($0) || $0.isWhitespace } ?? text.endIndex
        guard let at = text[..<end].lastIndex(of: "@") else { return (String(text[..<end]), text[end...]) }
        return (mask + text[at..<end], text[end...])
    }
}
