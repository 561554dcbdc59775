import Foundation
import Testing
import VernierBootstrap
import VernierOTLP
import VernierTransport

/// OTLP over HTTPS to the Python receiver with certificates made by `openssl` for the test: a private CA,
/// a server certificate for 127.0.0.1 and a client certificate for mutual TLS.
@Suite("OTLP export over HTTPS", .serialized)
struct OTLPTLSTests {
    /// The PEM files of one test's private CA, server and client.
    struct Certificates: Sendable {
        let directory: URL
        var ca: String { directory.appendingPathComponent("ca.pem").path }
        var serverCertificate: String { directory.appendingPathComponent("server.pem").path }
        var serverKey: String { directory.appendingPathComponent("server.key").path }
        var clientCertificate: String { directory.appendingPathComponent("client.pem").path }
        var clientKey: String { directory.appendingPathComponent("client.key").path }

        /// Makes a CA and, signed by it, a server certificate for IP 127.0.0.1 and a client certificate `vernier-client`.
        static func make() throws -> Certificates {
            let openssl = try #require(Peers.executable("openssl"))
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let certificates = Certificates(directory: directory)
            let extensions = directory.appendingPathComponent("server.ext")
            try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: extensions)
            let path = { (name: String) in directory.appendingPathComponent(name).path }
            let steps: [[String]] = [
                ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", certificates.ca, "-days", "2", "-subj", "/CN=Vernier Test CA"],
                ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", certificates.serverKey, "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"],
                ["x509", "-req", "-in", path("server.csr"), "-CA", certificates.ca, "-CAkey", path("ca.key"), "-CAcreateserial",
                 "-out", certificates.serverCertificate, "-days", "2", "-extfile", extensions.path],
                ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", certificates.clientKey, "-out", path("client.csr"), "-subj", "/CN=vernier-client"],
                ["x509", "-req", "-in", path("client.csr"), "-CA", certificates.ca, "-CAkey", path("ca.key"), "-CAcreateserial",
                 "-out", certificates.clientCertificate, "-days", "2"],
            ]
            for step in steps {
                let result = try PeerCommand.run(openssl, step)
                try #require(result.status == 0, "openssl \(step.joined(separator: " ")): \(result.standardError)")
            }
            return certificates
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    private static let available = OTLPReceiver.python != nil && Peers.executable("openssl") != nil

    @Test(.enabled(if: available, "needs python3 with opentelemetry-proto and openssl (make test)"))
    func exportsOverMutualTLSWithACAFileAndAClientCertificate() async throws {
        let certificates = try await offTheCooperativePool { try Certificates.make() }
        defer { certificates.remove() }
        let receiver = try await OTLPReceiver.start(tls: .init(certificate: certificates.serverCertificate, key: certificates.serverKey,
                                                                clientCA: certificates.ca))
        defer { receiver.stop() }
        let environment = [
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": try #require(receiver.secureMetricsURL),
            "OTEL_EXPORTER_OTLP_CERTIFICATE": certificates.ca,
            "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE": certificates.clientCertificate,
            "OTEL_EXPORTER_OTLP_CLIENT_KEY": certificates.clientKey,
        ]
        let resolved = VernierConfiguration(metrics: .init(exporters: [.otlp])).applyingEnvironment(environment)
        let exporter = OTLPMetricExporter(configuration: resolved.metrics.otlp)
        try await exporter.export(try ShopMetrics().reader.collect())

        let requests = try await receiver.received()
        try #require(requests.count == 1)
        #expect(requests[0].error == nil)
        #expect(requests[0].clientCertificateName == "vernier-client")
    }

    @Test(.enabled(if: available, "needs python3 with opentelemetry-proto and openssl (make test)"))
    func refusesAServerTheTrustedAuthoritiesDidNotSign() async throws {
        let certificates = try await offTheCooperativePool { try Certificates.make() }
        defer { certificates.remove() }
        let receiver = try await OTLPReceiver.start(tls: .init(certificate: certificates.serverCertificate, key: certificates.serverKey, clientCA: nil))
        defer { receiver.stop() }
        let url: String = try #require(receiver.secureMetricsURL)
        let configuration = OTLPExporterConfiguration(signalEndpoint: url, timeout: .seconds(5), retryPolicy: .none)
        let error = await #expect(throws: OTLPExportError.self) {
            try await OTLPMetricExporter(configuration: configuration).export(try ShopMetrics().reader.collect())
        }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionFailed)
        #expect(failure.message.lowercased().contains("certificate"), "\(failure.message)")
        #expect(try await receiver.received().isEmpty)
    }

    @Test(.enabled(if: available, "needs python3 with opentelemetry-proto and openssl (make test)"))
    func aServerRequiringClientCertificatesRefusesAnExporterWithout() async throws {
        let certificates = try await offTheCooperativePool { try Certificates.make() }
        defer { certificates.remove() }
        let receiver = try await OTLPReceiver.start(tls: .init(certificate: certificates.serverCertificate, key: certificates.serverKey,
                                                                clientCA: certificates.ca))
        defer { receiver.stop() }
        let url: String = try #require(receiver.secureMetricsURL)
        let configuration = OTLPExporterConfiguration(signalEndpoint: url, timeout: .seconds(5),
                                                      tls: TLSConfiguration(certificateAuthorityFile: certificates.ca), retryPolicy: .none)
        await #expect(throws: OTLPExportError.self) {
            try await OTLPMetricExporter(configuration: configuration).export(try ShopMetrics().reader.collect())
        }
        #expect(try await receiver.received().isEmpty)
    }
}
