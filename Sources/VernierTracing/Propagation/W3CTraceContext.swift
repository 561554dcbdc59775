import Vernier

/// The W3C Trace Context headers, `traceparent` and `tracestate`: parsing and formatting.
///
/// `traceparent` is `version-traceid-parentid-flags`, all lowercase hex: `00-<32>-<16>-<2>`. Version `ff`,
/// all-zero ids, uppercase digits or a wrong length make it malformed; a later version is read for its first
/// four fields when they are followed by `-` or nothing, as the specification asks of version 00 parsers.
public enum W3CTraceContext {
    /// The name of the header carrying the parent span.
    public static let traceparentHeader = "traceparent"
    /// The name of the header carrying vendor trace state.
    public static let tracestateHeader = "tracestate"

    /// The remote span context named by the headers; nil when `traceparent` is missing or malformed.
    ///
    /// A malformed `tracestate` is dropped while the `traceparent` is kept.
    public static func extract(traceparent: String?, tracestate: String?) -> SpanContext? {
        guard let traceparent, var context = parse(traceparent: traceparent) else { return nil }
        if let tracestate, let state = TraceState(header: tracestate) {
            context.traceState = state
        }
        return context
    }

    /// Parses a `traceparent` value into a remote span context, nil when malformed.
    public static func parse(traceparent: some StringProtocol) -> SpanContext? {
        var text = String(traceparent)
        return text.withUTF8(parse(traceparent:))
    }

    private static func parse(traceparent bytes: UnsafeBufferPointer<UInt8>) -> SpanContext? {
        guard bytes.count >= 55, bytes.count <= 256,
              bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-"),
              let version = lowercaseHex(bytes[0..<2]), version != 0xFF,
              let traceHigh = lowercaseHex(bytes[3..<19]), let traceLow = lowercaseHex(bytes[19..<35]),
              let spanID = lowercaseHex(bytes[36..<52]), let flags = lowercaseHex(bytes[53..<55]),
              traceHigh != 0 || traceLow != 0, spanID != 0
        else { return nil }
        if version == 0 {
            guard bytes.count == 55 else { return nil }
        } else if bytes.count > 55, bytes[55] != UInt8(ascii: "-") {
            return nil
        }
        return SpanContext(
            traceID: TraceID(high: traceHigh, low: traceLow), spanID: SpanID(spanID),
            traceFlags: TraceFlags(rawValue: UInt8(flags)), isRemote: true)
    }

    /// The version 00 `traceparent` value of `context`.
    public static func traceparent(_ context: SpanContext) -> String {
        String(unsafeUninitializedCapacity: 55) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "0")
            buffer[2] = UInt8(ascii: "-")
            buffer[35] = UInt8(ascii: "-")
            buffer[52] = UInt8(ascii: "-")
            HexDigits.write(context.traceID.high, into: buffer, at: 3)
            HexDigits.write(context.traceID.low, into: buffer, at: 19)
            HexDigits.write(context.spanID.value, into: buffer, at: 36)
            HexDigits.write(UInt64(context.traceFlags.rawValue), digits: 2, into: buffer, at: 53)
            return 55
        }
    }

    /// Lowercase hex digits as a number; nil when any digit is not `0-9` or `a-f`.
    private static func lowercaseHex(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(digit - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }
}
