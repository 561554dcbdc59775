import ArgumentParser
import Foundation
import VernierPrometheusBridge
import VernierTransport

/// The `--targets` file: `{"targets": [{"url": "…", "job": "…", "instance": "…", "labels": {"k": "v"}}]}`;
/// `instance` and `labels` may be left out.
struct TargetsFile: Decodable {
    struct Entry: Decodable {
        var url: String
        var job: String
        var instance: String?
        var labels: [String: String]?
    }

    var targets: [Entry]

    static func read(_ path: String) throws -> [ScrapeTarget] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read the targets file '\(path)'") }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode(TargetsFile.self, from: data).targets
        } catch {
            throw ValidationError("the targets file '\(path)' is not valid: \(error)")
        }
        return try entries.map { entry in
            try requireHTTPURL(entry.url, for: "a target of '\(path)'")
            return ScrapeTarget(url: entry.url, job: entry.job, instance: entry.instance, labels: entry.labels ?? [:])
        }
    }

    /// Rejects what the transport cannot send to, naming the option or file it came from.
    static func requireHTTPURL(_ url: String, for origin: String) throws {
        guard HTTPRequest.isHTTPURL(url) else {
            throw ValidationError("\(origin): '\(url)' is not an http:// or https:// URL with a host")
        }
    }
}
