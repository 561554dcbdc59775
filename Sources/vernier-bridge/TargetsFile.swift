import ArgumentParser
import Foundation
import VernierPrometheusBridge

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
        do {
            return try JSONDecoder().decode(TargetsFile.self, from: data).targets.map {
                ScrapeTarget(url: $0.url, job: $0.job, instance: $0.instance, labels: $0.labels ?? [:])
            }
        } catch {
            throw ValidationError("the targets file '\(path)' is not valid: \(error)")
        }
    }
}
