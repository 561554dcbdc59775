/// Matches request paths against route templates such as `/products/{id}`, for `http.route`.
///
/// A metric labelled with raw paths grows a series per product id; labelled with the template it has one.
/// A path that matches no template gets no route, never the raw path.
public struct HTTPRouteTemplates: Sendable, Hashable {
    private struct Template: Sendable, Hashable {
        let text: String
        let segments: [Segment]

        /// Whether `path` has one non-empty segment per template segment, equal where the template is literal;
        /// repeated slashes separate like one. Reads the bytes in place, allocating nothing.
        func matches(_ path: Substring) -> Bool {
            let slash = UInt8(ascii: "/")
            var rest = path.utf8[...]
            for segment in segments {
                rest = rest.drop { $0 == slash }
                let end = rest.firstIndex(of: slash) ?? rest.endIndex
                let current = rest[..<end]
                switch segment {
                case .parameter: if current.isEmpty { return false }
                case .literal(let literal): if !current.elementsEqual(literal.utf8) { return false }
                }
                rest = rest[end...]
            }
            return rest.allSatisfy { $0 == slash }
        }
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
            Template(text: text, segments: text.split(separator: "/").map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? .parameter : .literal(String(segment))
            })
        }
    }

    /// The template `target` matches, ignoring its query string; nil when none does.
    public func route(for target: String) -> String? {
        let path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
        return templates.first { $0.matches(path) }?.text
    }
}
