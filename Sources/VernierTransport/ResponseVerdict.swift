/// What a response means for the request that got it, as a transport's caller judges it.
public enum ResponseVerdict: Sendable, Equatable {
    /// Delivered: the transport returns the response.
    case accepted
    /// Worth another attempt, after `after` or else the policy's backoff.
    case retry(after: Duration?)
    /// Final: the transport throws with the response.
    case refused
}
