import Synchronization
import Vernier
import VernierConcurrency
import VernierTransport

/// What every OTLP exporter is made of, whatever its signal and protocol: the signal's URL, the encoder its protocol
/// asks for, a libcurl transport with the OTLP retry policy, the configured headers (the exporter's own left out),
/// the credentials registered as secrets, partial-success handling and the self-metrics.
///
/// Over gRPC the same exporter sends one HTTP/2 request per export on a connection it keeps: the protobuf message
/// in gRPC's framing (gzip-compressed with `grpc-encoding: gzip` when compression is on), `te: trailers` and
/// `grpc-timeout` from the export timeout, and reads the status from the trailers (`GRPCStatus`), retrying the
/// codes the OTLP specification names.
final class OTLPHTTPExporter<Telemetry>: Sendable {
    /// The URL every export goes to.
    let url: String
    /// The exporter's `otel.component.type` (such as `otlp_http_metric_exporter`) and `otel.component.name` in its
    /// self-metrics.
    let component: SDKComponent
    private let signal: OTLPSignal
    private let configuration: OTLPExporterConfiguration
    private let encoder: any OTLPEncoder<Telemetry>
    private let transport: HTTPTransport
    private let headers: [(name: String, value: String)]
    private let usesGRPC: Bool
    private let selfMetrics = MutexBox<ExporterSelfMetrics?>(nil)
    private let isShutDown = Atomic<Bool>(false)

    /// The headers the exporter sets itself; configured headers of these names are left out.
    private static var reservedHeaders: Set<String> {
        ["content-type", "content-encoding", "content-length", "user-agent", "te", "grpc-timeout", "grpc-encoding"]
    }

    /// Creates the exporter of `signal`, encoding with `protobuf` or `json` as `configuration.exportProtocol` asks.
    init(configuration: OTLPExporterConfiguration, signal: OTLPSignal,
         protobuf: some OTLPEncoder<Telemetry>, json: some OTLPEncoder<Telemetry>) {
        self.configuration = configuration
        self.signal = signal
        url = configuration.url(for: signal)
        usesGRPC = configuration.exportProtocol == .grpc
        let transportName = usesGRPC ? "grpc_" : configuration.exportProtocol == .httpJSON ? "http_json_" : "http_"
        component = SDKComponent(type: "otlp_" + transportName + signal.componentSignal + "_exporter")
        encoder = configuration.exportProtocol == .httpJSON ? json : protobuf
        transport = HTTPTransport(configuration: HTTPTransport.Configuration(
            userAgent: "Vernier/\(Resource.sdkVersion)",
            connectTimeout: configuration.timeout,
            tls: configuration.tls,
            gzipsRequests: configuration.compression == .gzip && !usesGRPC))
        let isReserved = { (header: (name: String, value: String)) in Self.reservedHeaders.contains(header.name.lowercased()) }
        let reserved = configuration.headers.filter(isReserved).map { Diagnostics.sanitized($0.name) }
        if !reserved.isEmpty {
            Diagnostics.warn("the OTLP \(signal) exporter sets \(reserved.joined(separator: ", ")) itself; the configured value is left out")
        }
        let protocolHeaders: [(name: String, value: String)] = usesGRPC
            ? [("Content-Type", "application/grpc"), ("TE", "trailers"), ("grpc-timeout", "\(min(99_999_999, max(1, Int(configuration.timeout.seconds * 1000))))m")]
                + (configuration.compression == .gzip ? [("grpc-encoding", "gzip")] : [])
            : [("Content-Type", encoder.contentType)]
        headers = protocolHeaders + configuration.headers.filter { !isReserved($0) }
        SecretRegistry.register(headers: configuration.headers)
        SecretRegistry.register(credentialsIn: url)
    }

    /// Creates the self-metrics on `meter`; later calls replace them.
    func attachSelfMetrics(to meter: Meter) {
        do {
            let metrics = try ExporterSelfMetrics(meter: meter, item: signal.item, unit: signal.itemUnit, component: component)
            selfMetrics.withLock { $0 = metrics }
        } catch {
            Diagnostics.warn("the OTLP \(signal) exporter keeps no self-metrics: \(error)")
        }
    }

    /// Sends `telemetry`, `count` items; nothing when `count` is 0. Items a `partial_success` rejects are logged
    /// and counted as failed, never sent again.
    func export(_ telemetry: Telemetry, count: Int) async throws(OTLPExportError) {
        guard count > 0 else {
            if isShutDown.load(ordering: .relaxed) { throw .shutDown }
            return
        }
        let metrics = selfMetrics.withLock { $0 }
        let clock = ContinuousClock()
        let start = clock.now
        metrics?.begin(count)
        do {
            let response = try await send(telemetry)
            let message = usesGRPC ? GRPCMessageFrame.firstMessage(in: response.body) ?? [] : response.body
            let partial = encoder.partialSuccess(in: message)
            let rejected = min(count, Int(clamping: max(0, partial?.rejected ?? 0)))
            let status: Attribute = usesGRPC ? Attribute(key: "rpc.grpc.status_code", value: .int(0)) : .httpStatus(response.status)
            metrics?.end(count, failed: rejected, errorType: rejected > 0 ? "rejected" : nil, status: status, seconds: (clock.now - start).seconds)
            if let partial {
                Diagnostics.report(
                    .warning,
                    "the OTLP collector at \(URLCredentials.masked(url)) rejected \(partial.rejected) \(signal.itemsNoun): \(Diagnostics.sanitized(partial.errorMessage))",
                    key: "otlp-partial-success/\(signal)")
            }
        } catch {
            metrics?.end(count, failed: count, errorType: error.errorType, status: error.status, seconds: (clock.now - start).seconds)
            throw error
        }
    }

    private func send(_ telemetry: Telemetry) async throws(OTLPExportError) -> HTTPResponse {
        guard !isShutDown.load(ordering: .relaxed) else { throw .shutDown }
        let body: [UInt8]
        do {
            body = usesGRPC
                ? try GRPCMessageFrame.framed(compressed: configuration.compression == .gzip) { headroom throws(OTLPEncodingError) in
                    try encoder.encode(telemetry, headroom: headroom)
                }
                : try encoder.encode(telemetry)
        } catch {
            throw .encoding(error)
        }
        guard usesGRPC else {
            do {
                return try await transport.send(HTTPRequest(url: url, headers: headers, body: body),
                                                policy: configuration.retryPolicy, timeout: configuration.timeout)
            } catch {
                throw .transport(error)
            }
        }
        var request = HTTPRequest(url: url, headers: headers, body: body)
        request.version = .http2
        do {
            return try await transport.send(request, policy: configuration.retryPolicy, timeout: configuration.timeout) { GRPCStatus(of: $0).verdict }
        } catch {
            guard let response = error.response else { throw .transport(error) }
            let status = GRPCStatus(of: response)
            throw .grpcStatus(name: status.name, code: status.code, message: status.message, attempts: error.attempts)
        }
    }

    /// Stops exporting and releases the connection; later exports throw `OTLPExportError.shutDown`.
    func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        await transport.shutdown()
    }
}
