/// Which certificates a transport trusts and presents over HTTPS.
public struct TLSConfiguration: Sendable, Equatable {
    /// A PEM file of CA certificates to trust instead of the system store; nil uses the system store.
    public var certificateAuthorityFile: String?
    /// A PEM client certificate for mutual TLS.
    public var clientCertificateFile: String?
    /// The PEM private key of `clientCertificateFile`.
    public var clientKeyFile: String?

    /// Creates a TLS configuration; the default trusts the system store and presents no client certificate.
    public init(certificateAuthorityFile: String? = nil, clientCertificateFile: String? = nil, clientKeyFile: String? = nil) {
        self.certificateAuthorityFile = certificateAuthorityFile
        self.clientCertificateFile = clientCertificateFile
        self.clientKeyFile = clientKeyFile
    }
}
