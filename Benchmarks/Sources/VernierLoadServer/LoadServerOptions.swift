/// The load server's command line:
/// `VernierLoadServer --mode bare|disabled|instrumented [--hammer-threads N]`.
///
/// - `bare`: SwiftNIO's HTTP/1.1 server and the API alone.
/// - `disabled`: the instrumented server set up with `OTEL_SDK_DISABLED=true`: no-op instruments and tracer.
/// - `instrumented`: every request in a sampled server span, with the HTTP server metrics, an exemplar on the
///   duration histogram and on the API's view counter, the `x-request-id` header captured on the span, and the
///   metrics served at `/metrics` on their own port. Spans are made but not exported (`OTEL_TRACES_EXPORTER=none`).
///
/// `--hammer-threads N` starts N threads that record into one histogram for as long as the server runs, for
/// measuring scrapes under contention.
struct LoadServerOptions {
    enum Mode: String {
        case bare, disabled, instrumented
    }

    var mode = Mode.instrumented
    var hammerThreads = 0

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--mode":
                guard let value = remaining.popFirst(), let mode = Mode(rawValue: value) else {
                    throw UsageError(description: "--mode takes bare, disabled or instrumented")
                }
                self.mode = mode
            case "--hammer-threads":
                guard let value = remaining.popFirst(), let count = Int(value), count >= 0 else {
                    throw UsageError(description: "--hammer-threads takes a thread count")
                }
                hammerThreads = count
            default:
                throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
    }
}
