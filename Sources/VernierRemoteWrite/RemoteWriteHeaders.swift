import Vernier

/// The headers of every remote-write request: the ones the protocol fixes, then the user's.
enum RemoteWriteHeaders {
    /// The `User-Agent` the transport sends.
    static let userAgent = "Vernier/\(Resource.sdkVersion)"

    /// The headers the remote-write 1.0 specification requires; `User-Agent` is added by the transport.
    static let mandated: [(name: String, value: String)] = [
        ("Content-Encoding", "snappy"),
        ("Content-Type", "application/x-protobuf"),
        ("X-Prometheus-Remote-Write-Version", "0.1.0"),
    ]

    /// The fixed headers, `Authorization` from `authorization`, then each user header whose name is not
    /// taken; a user header that tries to replace one is left out with a warning naming it.
    static func build(
        authorization: RemoteWriteAuthorization?, extra: [(name: String, value: String)]
    ) -> [(name: String, value: String)] {
        var headers = mandated
        if let authorization {
            headers.append(("Authorization", authorization.headerValue))
        }
        var taken = Set(headers.map { $0.name.lowercased() } + ["user-agent", "content-length"])
        for header in extra {
            let name = header.name.lowercased()
            guard !taken.contains(name) else {
                Diagnostics.warn("remote write: the header '\(header.name)' is set by the exporter and cannot be replaced; ignoring it")
                continue
            }
            taken.insert(name)
            headers.append(header)
        }
        return headers
    }
}
