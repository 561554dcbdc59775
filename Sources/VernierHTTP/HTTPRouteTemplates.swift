#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
            let slash = UInt8(ascii: "/")
            var position = 0
            for segment in segments {
                while position < path.count, path[position] == slash { position += 1 }
                var end = position
                while end < path.count, path[end] != slash { end += 1 }
                switch segment {
                case .parameter:
                    if end == position { return false }
                case .literal(let literal):
                    guard end - position == literal.count,
                          literal.withUnsafeBufferPointer({ memcmp($0.baseAddress!, path.baseAddress! + position, literal.count) == 0 })
                    else { return false }
                }
                position = end
            }
            return path[position...].allSatisfy { $0 == slash }
        }
    }

    private enum Segment: Sendable, Hashable {
        /// A segment's bytes, never empty.
        case literal([UInt8])
        case parameter
    }

    private let templates: [Template]

    /// Creates a matcher; each template is a path whose `{name}` segments match any one segment.
    /// The first matching template wins.
    public init(_ templates: [String]) {
        self.templates = templates.map { text in
            Template(text: text, segments: text.split(separator: "/").map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? .parameter : .literal(Array(segment.utf8))
            })
        }
    }

    /// The template `target` matches, ignoring its query string; nil when none does.
    public func route(for target: String) -> String? {
        var path = Self.path(of: target)
        return path.withUTF8 { bytes in templates.first { $0.matches(bytes) }?.text }
    }

    /// The path of a request target: everything before its query string (`url.path`).
    public static func path(of target: String) -> Substring {
        target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
    }
}
