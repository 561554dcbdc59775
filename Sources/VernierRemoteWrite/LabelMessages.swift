import VernierPrometheus
import VernierProto

/// Makes the `Label` messages of one request's series in its arena, sharing what series share.
///
/// Series next to each other in a request mostly come from one metric and share a `LabelLayout`: the same
/// names at the same positions, and the same values wherever a value comes from the context (`job`,
/// `instance`, scope labels). While the layout stays the same, each name is one C string and each fixed
/// label one message for all those series, and `__name__` one message per metric name; only values that
/// come from attributes and `le` bounds are copied per series. Messages come from contiguous blocks, not
/// one allocation each.
struct LabelMessages {
    /// Labels taken from an arena block at a time.
    private static let blockSize = 512

    private let arena: MessageArena
    /// The names copied so far.
    private var names: [String: UnsafeMutablePointer<CChar>] = [:]
    /// The layout of the previous series, the C strings of its names and the messages of its fixed labels.
    private var layout: LabelLayout?
    private var layoutNames: [UnsafeMutablePointer<CChar>?] = []
    private var fixedMessages: [UnsafeMutablePointer<Prometheus__Label>?] = []
    /// The `__name__` label of the previous series.
    private var metricName: (value: String, message: UnsafeMutablePointer<Prometheus__Label>)?
    private var block: UnsafeMutablePointer<Prometheus__Label>?
    private var blockUsed = blockSize

    /// Creates an empty cache for messages in `arena`.
    init(arena: MessageArena) {
        self.arena = arena
    }

    /// Points `messages[0..<labels.count]` at the messages of `labels`.
    mutating func fill(
        _ messages: UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__Label>?>, with labels: SeriesLabelSet
    ) throws(RemoteWriteEncodingError) {
        try adopt(labels.shared.layout)
        for position in labels.indices {
            switch labels.part(at: position) {
            case .metricName:
                messages[position] = try metricNameMessage(labels.name)
            case .added(let label):
                messages[position] = try fresh(name: name(label.name), value: label.value)
            case .shared(let index):
                if let fixed = fixedMessages[index] {
                    messages[position] = fixed
                } else {
                    messages[position] = try fresh(name: layoutNames[index], value: labels.shared.value(at: index))
                }
            }
        }
    }

    /// Makes the names and fixed labels of `layout` ready, unless it is the previous series' layout.
    private mutating func adopt(_ layout: LabelLayout) throws(RemoteWriteEncodingError) {
        guard layout !== self.layout else { return }
        self.layout = layout
        layoutNames.removeAll(keepingCapacity: true)
        fixedMessages.removeAll(keepingCapacity: true)
        for (position, text) in layout.names.enumerated() {
            let name = try name(text)
            layoutNames.append(name)
            if let value = layout.fixedValue(at: position) {
                fixedMessages.append(try fresh(name: name, value: value))
            } else {
                fixedMessages.append(nil)
            }
        }
    }

    private mutating func metricNameMessage(_ value: String) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__Label> {
        if let metricName, metricName.value == value { return metricName.message }
        let message = try fresh(name: name(PrometheusLabel.metricName), value: value)
        metricName = (value, message)
        return message
    }

    /// A new message with `name` and a copy of `value`.
    private mutating func fresh(name: UnsafeMutablePointer<CChar>?, value: String) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<Prometheus__Label> {
        if blockUsed == Self.blockSize {
            block = try arena.messages(count: Self.blockSize, prometheus__label__init)
            blockUsed = 0
        }
        let message = block! + blockUsed
        blockUsed += 1
        message.pointee.name = name
        message.pointee.value = try arena.string(value)
        return message
    }

    /// The arena's copy of the label name `text`, made once per request.
    private mutating func name(_ text: String) throws(RemoteWriteEncodingError) -> UnsafeMutablePointer<CChar>? {
        if let copy = names[text] { return copy }
        let copy = try arena.string(text)
        names[text] = copy
        return copy
    }
}
