/// Why `HTTPConnectionGuard` closed a connection: the `reason` attribute of
/// `vernier.http.server.connections.closed`.
enum ConnectionCloseReason: String, CaseIterable, Sendable {
    /// The server was at its connection limit and this was the oldest idle connection, or every connection was
    /// busy and this was the new one.
    case connectionLimit = "connection_limit"
    /// The process ran out of file descriptors and this was among the oldest idle connections.
    case descriptorShortage = "descriptor_shortage"
    /// The request head did not arrive within the request-head timeout.
    case requestHeadTimeout = "request_head_timeout"
    /// The request body was larger than allowed.
    case requestBodyTooLarge = "request_body_too_large"
    /// The request could not be parsed and was answered 400.
    case malformedRequest = "malformed_request"
    /// The connection stayed silent between requests for the idle timeout.
    case idleTimeout = "idle_timeout"
}
