/// The demo's command line: `--port N` (or `VERNIER_DEMO_PORT`), `--host ADDRESS`.
struct DemoOptions {
    var host = "0.0.0.0"
    var port = 9464

    /// Why the command line could not be read.
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static let usage = "usage: vernier-demo [--host ADDRESS] [--port N]   (the port may also come from VERNIER_DEMO_PORT)"

    init(arguments: [String], environment: [String: String]) throws {
        if let text = environment["VERNIER_DEMO_PORT"], !text.isEmpty {
            port = try Self.port(text, source: "VERNIER_DEMO_PORT")
        }
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--port":
                guard let value = remaining.popFirst() else { throw UsageError(description: "--port needs a value\n\(Self.usage)") }
                port = try Self.port(value, source: "--port")
            case "--host":
                guard let value = remaining.popFirst() else { throw UsageError(description: "--host needs a value\n\(Self.usage)") }
                host = value
            case "--help", "-h":
                throw UsageError(description: Self.usage)
            default:
                throw UsageError(description: "unknown argument '\(argument)'\n\(Self.usage)")
            }
        }
    }

    private static func port(_ text: String, source: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw UsageError(description: "\(source) must be a port number from 0 to 65535, not '\(text)'")
        }
        return port
    }
}
