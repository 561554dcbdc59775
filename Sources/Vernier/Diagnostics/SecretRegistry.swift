import VernierConcurrency

/// The credentials of this process that no log line may show: configured header values such as API keys and
/// bearer tokens, basic-authentication passwords, the `user:password@` of endpoint URLs.
///
/// Exporters register theirs when they are created. `Diagnostics` masks every registered value in every line
/// it emits, so a collector or proxy that echoes a request header back in its answer cannot put the
/// credential in the log. The registry only grows: a value once sent stays masked for the life of the process.
public enum SecretRegistry {
    /// Values shorter than this are not registered: too short to be a credential, and masking them would
    /// garble unrelated words.
    public static let minimumLength = 4
    /// What a secret is replaced with; URL credentials too.
    static let mask = "****"

    /// Registered values, longest first, so that a value containing another is masked whole.
    private static let secrets = MutexBox<[String]>([])

    /// Registers `secret`, unless it is shorter than `minimumLength`.
    public static func register(_ secret: some StringProtocol) {
        let value = String(secret)
        guard value.count >= minimumLength else { return }
        secrets.withLock { secrets in
            guard !secrets.contains(value) else { return }
            let position = secrets.firstIndex { $0.count < value.count } ?? secrets.endIndex
            secrets.insert(value, at: position)
        }
    }

    /// Registers the value of every header in `headers`, and for a value such as `Bearer <token>` or
    /// `Basic <credentials>` the part after the scheme as well, since a peer may echo that part alone.
    public static func register(headers: [(name: String, value: String)]) {
        for header in headers {
            register(header.value)
            if let space = header.value.firstIndex(of: " ") {
                register(header.value[header.value.index(after: space)...].trimmingSpaces)
            }
        }
    }

    /// Registers the credentials in `url`'s `user:password@` part, if it has one: the part itself, the
    /// password as written and percent-decoded, and the `Basic` credentials an HTTP client sends for it.
    public static func register(credentialsIn url: String) {
        let text = url[...]
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let end = text[start...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[start..<end].lastIndex(of: "@") else { return }
        let userInformation = text[start..<at]
        register(userInformation)
        let colon = userInformation.firstIndex(of: ":")
        let user = userInformation[..<(colon ?? userInformation.endIndex)]
        let password = colon.map { userInformation[userInformation.index(after: $0)...] } ?? ""
        register(password)
        let decodedUser = PercentDecoding.decode(user) ?? String(user)
        let decodedPassword = PercentDecoding.decode(password) ?? String(password)
        register(decodedPassword)
        register(Base64.encode(Array((decodedUser + ":" + decodedPassword).utf8)))
    }

    /// `text` with every registered value replaced by `mask`.
    public static func maskingSecrets(in text: String) -> String {
        let registered = secrets.withLock { $0 }
        var result = text
        for secret in registered where result.contains(secret) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }
}
