import Foundation

/// Where the real peers the integration tests talk to are, and whether they are installed.
///
/// `make test` installs them; a test whose peer is missing is skipped with the reason these names give.
enum Peers {
    /// The full path of an executable on `PATH`, if there is one.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Debian's `prometheus` server.
    static let prometheus = executable("prometheus")
    /// Debian's `prometheus-pushgateway`.
    static let pushgateway = executable("prometheus-pushgateway")
    /// Prometheus's `promtool`, which checks the 0.0.4 text format.
    static let promtool = executable("promtool")
    /// `python3`, when it can import every module in `modules`.
    static func python(importing modules: [String]) -> String? {
        guard let python = executable("python3") else { return nil }
        let check = try? PeerCommand.run(python, ["-c", "import " + modules.joined(separator: ", ")])
        return check?.status == 0 ? python : nil
    }

    /// The `vernier-demo` executable of the `Examples/Demo` package, debug build first, if it was built
    /// (`make test` builds it).
    static let demo: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/Demo/.build")
        return ["debug", "release"].map { package.appendingPathComponent("\($0)/vernier-demo").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// `python3` with the `prometheus_client` parsers.
    static let pythonWithPrometheusClient = python(importing: ["prometheus_client"])

    /// The path of a script in `Tests/IntegrationTests/Peers`.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers").appendingPathComponent(name).path
    }
}
