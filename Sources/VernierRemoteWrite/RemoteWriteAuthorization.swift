import Vernier

/// The credentials a remote-write store asks for, sent in the `Authorization` header.
public enum RemoteWriteAuthorization: Sendable, Equatable {
    /// HTTP basic authentication, as Prometheus's `basic_auth` sends it.
    case basic(username: String, password: String)
    /// A bearer token, as Prometheus's `authorization` with type `Bearer` sends it.
    case bearer(token: String)

    /// The `Authorization` header value.
    var headerValue: String {
        switch self {
        case .basic(let username, let password):
            return "Basic " + Base64.encode(Array((username + ":" + password).utf8))
        case .bearer(let token):
            return "Bearer " + token
        }
    }
}
