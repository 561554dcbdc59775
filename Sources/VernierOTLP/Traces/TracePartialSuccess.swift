import VernierProto

/// The `partial_success` of an `ExportTraceServiceResponse`: spans the collector accepted the request but rejected.
struct TracePartialSuccess: Equatable {
    /// How many spans the collector rejected.
    var rejectedSpans: Int64
    /// The collector's explanation, possibly empty.
    var errorMessage: String

    /// Reads the partial success from a protobuf response body; nil when there is none or the body is unreadable.
    static func decode(_ body: [UInt8]) -> TracePartialSuccess? {
        guard !body.isEmpty else { return nil }
        let response = body.withUnsafeBufferPointer {
            opentelemetry__proto__collector__trace__v1__export_trace_service_response__unpack(nil, $0.count, $0.baseAddress)
        }
        guard let response else { return nil }
        defer { opentelemetry__proto__collector__trace__v1__export_trace_service_response__free_unpacked(response, nil) }
        guard let partial = response.pointee.partial_success else { return nil }
        let found = TracePartialSuccess(
            rejectedSpans: partial.pointee.has_rejected_spans != 0 ? partial.pointee.rejected_spans : 0,
            errorMessage: partial.pointee.error_message.map { String(cString: $0) } ?? "")
        return found.rejectedSpans != 0 || !found.errorMessage.isEmpty ? found : nil
    }
}
