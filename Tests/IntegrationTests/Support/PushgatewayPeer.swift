import Foundation

/// Debian's Prometheus Pushgateway on 127.0.0.1 with a free port, optionally behind basic authentication.
final class PushgatewayPeer: Sendable {
    /// The user and password a gateway started with `requiresPassword` accepts.
    static let user = "pusher", password = "push-secret"
    /// The bcrypt hash of `password`, as the gateway's web configuration takes it.
    private static let passwordHash = "$2b$04$XSG60uQsaUGDBqoPs6lK/O7iFbYsrviZBQ2HpmwUEo/eA1Ofuwy4e"

    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    /// `127.0.0.1:PORT`, for a Prometheus that scrapes it.
    let address: String
    private let process: PeerProcess
    private let directory: URL

    private init(process: PeerProcess, port: Int, directory: URL) {
        self.process = process
        address = "127.0.0.1:\(port)"
        baseURL = "http://\(address)"
        self.directory = directory
    }

    static func start(requiresPassword: Bool = false) async throws -> PushgatewayPeer {
        guard let executable = Peers.pushgateway else { throw PeerProcess.StartFailure(description: "prometheus-pushgateway is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pushgateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try PeerProcess.freePort()
        // Debian's package persists every group to /var/lib/prometheus/pushgateway.data unless told otherwise.
        var arguments = ["--web.listen-address=127.0.0.1:\(port)", "--persistence.file="]
        if requiresPassword {
            let webConfiguration = directory.appendingPathComponent("web.yml")
            try "basic_auth_users:\n  \(user): \(passwordHash)\n".write(to: webConfiguration, atomically: true, encoding: .utf8)
            arguments.append("--web.config.file=\(webConfiguration.path)")
        }
        let readiness = "http://127.0.0.1:\(port)/-/ready"
        let process = try await PeerProcess.start(executable, arguments: arguments, workingDirectory: directory) {
            // Behind authentication the readiness page answers 401: listening is all that is asked.
            await LoopbackHTTP.request(readiness, timeout: 2) != nil
        }
        return PushgatewayPeer(process: process, port: port, directory: directory)
    }

    /// The gateway's groups from its API: each group's labels and the names of its metric families.
    func groups() async -> [(labels: [String: String], metrics: Set<String>)] {
        guard let response = await LoopbackHTTP.request(baseURL + "/api/v1/metrics"), response.status == 200,
              let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
              let data = object["data"] as? [[String: Any]]
        else { return [] }
        return data.map { group in
            let labels = group["labels"] as? [String: String] ?? [:]
            let metrics = Set(group.keys.filter { $0 != "labels" && $0 != "push_time_seconds" && $0 != "push_failure_time_seconds" })
            return (labels, metrics)
        }
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var log: String { process.log }
}
