import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP requests to peers on 127.0.0.1, for readiness checks and API queries.
enum LoopbackHTTP {
    /// A response's status, headers and body.
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request; nil when the connection fails.
    static func request(
        _ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 10
    ) async -> Response? {
        guard let url = URL(string: url) else { return nil }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else {
            return nil
        }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return Response(status: http.statusCode, headers: fields, body: data)
    }

    /// Whether `GET url` answers 200.
    static func isOK(_ url: String) async -> Bool {
        await request(url, timeout: 2)?.status == 200
    }
}
