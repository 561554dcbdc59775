import Vernier

/// The URL of a Pushgateway group: `<base>/metrics/job/<job>{/<label>/<value>}`.
///
/// A value that is empty or holds anything but letters, digits and `-._~` goes as `<label>@base64/<value in
/// base64url>`, as the Pushgateway reads it, so that slashes and any other text survive the path.
enum PushgatewayGroup {
    /// The group's URL, or why the grouping key cannot name a group.
    static func url(base: String, job: String, groupingKey: [(name: String, value: String)]) throws(PushgatewayError) -> String {
        guard !job.isEmpty else { throw .invalidGroupingKey("the job is empty") }
        var path = base.hasSuffix("/") ? String(base.dropLast()) : base
        path += "/metrics" + segment(name: "job", value: job)
        var seen: Set<String> = ["job"]
        for (name, value) in groupingKey {
            guard isLabelName(name), !name.hasPrefix("__") else {
                throw .invalidGroupingKey("'\(name)' is not a label name")
            }
            guard seen.insert(name).inserted else { throw .invalidGroupingKey("'\(name)' is given twice") }
            path += segment(name: name, value: value)
        }
        return path
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, Prometheus's label names.
    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func segment(name: String, value: String) -> String {
        let isPlain = !value.isEmpty && value.utf8.allSatisfy { isLetter($0) || isDigit($0) || "-._~".utf8.contains($0) }
        if isPlain { return "/\(name)/\(value)" }
        let base64URL = Base64.encode(Array(value.utf8)).map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }
        return "/\(name)@base64/\(value.isEmpty ? "=" : String(base64URL))"
    }
}
