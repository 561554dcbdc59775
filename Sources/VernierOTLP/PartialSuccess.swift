import CProtobufC
import VernierProto

/// The `partial_success` of an `ExportMetricsServiceResponse`: points the collector accepted the request
/// but rejected, and why. Such points are counted as dropped and never retried.
public struct PartialSuccess: Sendable, Equatable {
    /// How many data points the collector rejected.
    public var rejectedDataPoints: Int64
    /// The collector's explanation, possibly empty.
    public var errorMessage: String

    /// Creates a partial success.
    public init(rejectedDataPoints: Int64, errorMessage: String) {
        self.rejectedDataPoints = rejectedDataPoints
        self.errorMessage = errorMessage
    }

    /// Reads the partial success from a 2xx response body; nil when there is none, including when the body
    /// is empty or unreadable (a success needs no body).
    static func decode(_ body: [UInt8], contentType: String) -> PartialSuccess? {
        guard !body.isEmpty else { return nil }
        let found = contentType == "application/json" ? fromJSON(body) : fromProtobuf(body)
        guard let found, found.rejectedDataPoints != 0 || !found.errorMessage.isEmpty else { return nil }
        return found
    }

    private static func fromProtobuf(_ body: [UInt8]) -> PartialSuccess? {
        let response = body.withUnsafeBufferPointer {
            opentelemetry__proto__collector__metrics__v1__export_metrics_service_response__unpack(nil, $0.count, $0.baseAddress)
        }
        guard let response else { return nil }
        defer { opentelemetry__proto__collector__metrics__v1__export_metrics_service_response__free_unpacked(response, nil) }
        guard let partial = response.pointee.partial_success else { return nil }
        return PartialSuccess(
            rejectedDataPoints: partial.pointee.has_rejected_data_points != 0 ? partial.pointee.rejected_data_points : 0,
            errorMessage: partial.pointee.error_message.map { String(cString: $0) } ?? ""
        )
    }

    private static func fromJSON(_ body: [UInt8]) -> PartialSuccess? {
        guard case .object(let response)? = JSONValue.parse(body),
              case .object(let partial)? = response["partialSuccess"] ?? response["partial_success"]
        else { return nil }
        let rejected: Int64
        switch partial["rejectedDataPoints"] ?? partial["rejected_data_points"] {
        case .string(let text)?: rejected = Int64(text) ?? 0
        case .number(let value)?: rejected = Int64(exactly: value.rounded()) ?? 0
        default: rejected = 0
        }
        var message = ""
        if case .string(let text)? = partial["errorMessage"] ?? partial["error_message"] { message = text }
        return PartialSuccess(rejectedDataPoints: rejected, errorMessage: message)
    }
}
