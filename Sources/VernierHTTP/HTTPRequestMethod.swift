/// The request method as the OpenTelemetry HTTP conventions record it: one of the known methods, or `_OTHER`,
/// so that a client sending made-up methods cannot create unbounded series.
public enum HTTPRequestMethod {
    /// The methods of RFC 9110 and RFC 5789 (`PATCH`), recorded as they are.
    public static let known: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]

    /// The value for `http.request.method`: the method when it is known (case-sensitively), `_OTHER` otherwise.
    public static func attributeValue(_ method: String) -> String {
        known.contains(method) ? method : "_OTHER"
    }
}
