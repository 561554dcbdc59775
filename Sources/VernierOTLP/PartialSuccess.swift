/// The `partial_success` of a collector's answer: items of an accepted request that it rejected, and why.
/// They are counted as failed exports and never sent again.
public struct PartialSuccess: Sendable, Equatable {
    /// How many items (data points, spans) the collector rejected.
    public var rejected: Int64
    /// The collector's explanation, possibly empty.
    public var errorMessage: String

    /// Creates a partial success.
    public init(rejected: Int64, errorMessage: String) {
        self.rejected = rejected
        self.errorMessage = errorMessage
    }

    /// `self`, or nil when it rejects nothing and says nothing: a full success.
    var unlessFullSuccess: PartialSuccess? {
        rejected != 0 || !errorMessage.isEmpty ? self : nil
    }

    /// The partial success of an OTLP JSON answer whose rejected count is under `rejectedKey`, such as
    /// `rejectedDataPoints`; the count may be a string or a number, and snake_case keys are read too.
    static func json(_ body: [UInt8], rejectedKey: String, snakeCaseKey: String) -> PartialSuccess? {
        guard !body.isEmpty, case .object(let response)? = JSONValue.parse(body),
              case .object(let partial)? = response["partialSuccess"] ?? response["partial_success"]
        else { return nil }
        let rejected: Int64
        switch partial[rejectedKey] ?? partial[snakeCaseKey] {
        case .string(let text)?: rejected = Int64(text) ?? 0
        case .number(let value)?: rejected = Int64(exactly: value.rounded()) ?? 0
        default: rejected = 0
        }
        var message = ""
        if case .string(let text)? = partial["errorMessage"] ?? partial["error_message"] { message = text }
        return PartialSuccess(rejected: rejected, errorMessage: message).unlessFullSuccess
    }
}
