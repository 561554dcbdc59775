import CProtobufC
import Vernier
import VernierProto
import VernierTransport

/// The status of a gRPC call as the server reported it, and what the OTLP specification makes of it.
///
/// A server puts `grpc-status` (and `grpc-message`, `grpc-status-details-bin`) in the trailers, or in the headers
/// of a response without a body. OTLP retries CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE and
/// DATA_LOSS, and RESOURCE_EXHAUSTED only when the details carry a RetryInfo, whose delay it then waits.
struct GRPCStatus: Sendable, Equatable {
    /// The status code: 0 is OK.
    let code: Int
    /// `grpc-message`, percent-decoded.
    let message: String
    /// The delay of a RetryInfo in the details, if any.
    let retryDelay: Duration?

    private static let names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]
    private static let retryable: Set<Int> = [1, 4, 10, 11, 14, 15]
    private static let resourceExhausted = 8
    private static let unavailable = 14
    private static let retryInfoType = "type.googleapis.com/google.rpc.RetryInfo"

    /// The code's name, such as `UNAVAILABLE`: the `error.type` of a failed export.
    var name: String { code >= 0 && code < Self.names.count ? Self.names[code] : String(code) }

    /// The status a response reports. An HTTP status other than 200 stands for the gRPC status the gRPC
    /// specification maps it to (UNAVAILABLE for 429, 502, 503 and 504); a 200 without `grpc-status` is INTERNAL.
    init(of response: HTTPResponse) {
        guard response.status == 200 else {
            code = [429, 502, 503, 504].contains(response.status) ? Self.unavailable : 2
            message = "HTTP status \(response.status)"
            retryDelay = nil
            return
        }
        guard let status = response.fields["grpc-status"], let number = Int(status) else {
            (code, message, retryDelay) = (13, "no grpc-status in the response", nil)
            return
        }
        code = number
        message = (response.fields["grpc-message"] ?? "").removingPercentEncoding ?? ""
        retryDelay = response.fields["grpc-status-details-bin"].flatMap(Base64.decode).flatMap(Self.retryDelay)
    }

    /// Accepted for OK; retried as the OTLP specification says; refused otherwise.
    var verdict: ResponseVerdict {
        if code == 0 { return .accepted }
        if Self.retryable.contains(code) { return .retry(after: retryDelay) }
        if code == Self.resourceExhausted, let retryDelay { return .retry(after: retryDelay) }
        return .refused
    }

    /// The delay of the first RetryInfo among the details of a serialized google.rpc.Status.
    private static func retryDelay(inStatus bytes: [UInt8]) -> Duration? {
        guard let status = bytes.withUnsafeBufferPointer({ vernier__grpc__status__unpack(nil, $0.count, $0.baseAddress) }) else { return nil }
        defer { vernier__grpc__status__free_unpacked(status, nil) }
        for index in 0..<status.pointee.n_details {
            guard let detail = status.pointee.details[index], let type = detail.pointee.type_url,
                  String(cString: type) == retryInfoType,
                  let info = vernier__grpc__retry_info__unpack(nil, detail.pointee.value.len, detail.pointee.value.data)
            else { continue }
            defer { vernier__grpc__retry_info__free_unpacked(info, nil) }
            guard let delay = info.pointee.retry_delay else { return nil }
            return .seconds(delay.pointee.seconds) + .nanoseconds(Int64(delay.pointee.nanos))
        }
        return nil
    }
}

extension String {
    /// `%XX` escapes decoded, as `grpc-message` carries non-ASCII and control characters; nil for invalid UTF-8.
    fileprivate var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var utf8 = self.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
