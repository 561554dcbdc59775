import Vernier
import VernierOTLP

extension OTLPExporterConfiguration {
    /// This configuration with the `OTEL_EXPORTER_OTLP_*` variables of `signal` applied: for each setting the
    /// signal's variable (`OTEL_EXPORTER_OTLP_METRICS_TIMEOUT`) if set, else the general one (`OTEL_EXPORTER_OTLP_TIMEOUT`).
    /// Headers add up: the code's, then the general list's, then the signal's, each replacing headers of the same
    /// name. `OTEL_EXPORTER_OTLP_ENDPOINT` replaces the code's `endpoint` and `signalEndpoint`. Over gRPC an endpoint
    /// may leave out its scheme, which `OTEL_EXPORTER_OTLP_INSECURE` then gives (`true`: `http`; default `https`).
    func applying(_ variables: EnvironmentVariables, signal: OTLPSignal) -> Self {
        let general = "OTEL_EXPORTER_OTLP_"
        let specific = general + signal.name.uppercased() + "_"
        func name(_ suffix: String) -> String {
            variables.text(specific + suffix) != nil ? specific + suffix : general + suffix
        }
        var result = self
        if let exportProtocol = variables.option(name("PROTOCOL"), keeping: exportProtocol) { result.exportProtocol = exportProtocol }
        let insecure = result.exportProtocol == .grpc ? variables.flag(name("INSECURE"), keeping: false) ?? false : false
        let scheme = result.exportProtocol == .grpc ? (insecure ? "http" : "https") : nil
        if let base = variables.httpURL(general + "ENDPOINT", instead: "keeping \(URLCredentials.masked(endpoint))", schemeIfNone: scheme) {
            result.endpoint = base
            result.signalEndpoint = nil
        }
        if let full = variables.httpURL(specific + "ENDPOINT", instead: "keeping \(URLCredentials.masked(result.url(for: signal)))", schemeIfNone: scheme) {
            result.signalEndpoint = full
        }
        for header in variables.keyValues(general + "HEADERS") + variables.keyValues(specific + "HEADERS") {
            result.headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
            result.headers.append(header)
        }
        if let timeout = variables.milliseconds(name("TIMEOUT"), keeping: timeout) { result.timeout = timeout }
        if let compression = variables.option(name("COMPRESSION"), keeping: compression) { result.compression = compression }
        if let file = variables.readableFile(name("CERTIFICATE"), keeping: tls.certificateAuthorityFile) { result.tls.certificateAuthorityFile = file }
        if let file = variables.readableFile(name("CLIENT_CERTIFICATE"), keeping: tls.clientCertificateFile) { result.tls.clientCertificateFile = file }
        if let file = variables.readableFile(name("CLIENT_KEY"), keeping: tls.clientKeyFile) { result.tls.clientKeyFile = file }
        return result
    }
}
