/// Matches request paths against route templates such as `/products/{id}`, for `http.route`.
///
/// A metric labelled with raw paths grows a series per product id; labelled with the template it has one.
/// A path that matches no template gets no route, never the raw path.
public struct HTTPRouteTemplates: Sendable, Hashable {
    private struct Template: Sendable, Hashable {
        let text: String
        let segments: [Segment]
    }

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter
    }

    private let templates: [Template]

    /// Creates a matcher; each template is a path whose `{name}` segments match any one segment.
    /// The first matching template wins.
    public init(_ templates: [String]) {
        self.templates = templates.map { text in
            Template(text: text, segments: Self.segments(of: Substring(text)).map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? .parameter : .literal(String(segment))
            })
        }
    }

    /// The template `target` matches, ignoring its query string; nil when none does.
    public func route(for target: String) -> String? {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = Self.segments(of: path)
        return templates.first { template in
            template.segments.count == segments.count && zip(template.segments, segments).allSatisfy { pattern, segment in
                switch pattern {
                case .parameter: return !segment.isEmpty
                case .literal(let literal): return literal == segment
                }
            }
        }?.text
    }

    private static func segments(of path: Substring) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
