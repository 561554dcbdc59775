/// One `/metrics` endpoint a `PrometheusScraper` reads, and the resource its metrics are given.
public struct ScrapeTarget: Sendable, Hashable {
    /// The URL to scrape, such as `http://127.0.0.1:9090/metrics`.
    public var url: String
    /// The `job`: the resource's `service.name`.
    public var job: String
    /// The `instance`: the resource's `service.instance.id`; the URL's `host:port` by default.
    public var instance: String
    /// Labels added to every series of the target, as Prometheus's target labels are.
    public var labels: [String: String]

    /// Creates a target.
    public init(url: String, job: String, instance: String? = nil, labels: [String: String] = [:]) {
        self.url = url
        self.job = job
        self.instance = instance ?? Self.hostAndPort(of: url)
        self.labels = labels
    }

    /// `host:port` of a URL, as Prometheus names an instance.
    static func hostAndPort(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority)
    }
}
