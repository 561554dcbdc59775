import CProtobufC
import VernierProto
@testable import VernierRemoteWrite

/// A remote-write body decoded back through protobuf-c and libsnappy, in Swift values tests can compare.
struct DecodedWriteRequest {
    struct Series {
        var labels: [(name: String, value: String)]
        var samples: [(value: Double, timestamp: Int64)]
        var exemplars: [(labels: [String: String], value: Double, timestamp: Int64)]

        var name: String { self["__name__"] ?? "" }

        subscript(label: String) -> String? {
            labels.first { $0.name == label }?.value
        }
    }

    struct Metadata: Equatable {
        var type: UInt32
        var family: String
        var help: String
        var unit: String
    }

    var series: [Series] = []
    var metadata: [Metadata] = []

    /// Decodes a snappy-compressed body; nil when either layer is invalid.
    init?(compressed body: [UInt8]) {
        guard let protobuf = Snappy.decompress(body) else { return nil }
        self.init(protobuf: protobuf)
    }

    init?(protobuf: [UInt8]) {
        let decoded = protobuf.withUnsafeBufferPointer { prometheus__write_request__unpack(nil, $0.count, $0.baseAddress) }
        guard let request = decoded else { return nil }
        defer { prometheus__write_request__free_unpacked(request, nil) }
        for index in 0..<request.pointee.n_timeseries {
            let entry = request.pointee.timeseries[index]!.pointee
            var series = Series(labels: Self.labels(entry.labels, count: entry.n_labels), samples: [], exemplars: [])
            for sample in 0..<entry.n_samples {
                let value = entry.samples[sample]!.pointee
                series.samples.append((value.value, value.timestamp))
            }
            for exemplar in 0..<entry.n_exemplars {
                let value = entry.exemplars[exemplar]!.pointee
                let labels = Dictionary(uniqueKeysWithValues: Self.labels(value.labels, count: value.n_labels).map { ($0.name, $0.value) })
                series.exemplars.append((labels, value.value, value.timestamp))
            }
            self.series.append(series)
        }
        for index in 0..<request.pointee.n_metadata {
            let entry = request.pointee.metadata[index]!.pointee
            metadata.append(Metadata(
                type: entry.type.rawValue, family: Self.string(entry.metric_family_name),
                help: Self.string(entry.help), unit: Self.string(entry.unit)))
        }
    }

    /// The series with `name` whose labels include `matching`.
    func series(_ name: String, _ matching: [String: String] = [:]) -> [Series] {
        series.filter { series in
            series.name == name && matching.allSatisfy { series[$0.key] == $0.value }
        }
    }

    private static func labels(_ labels: UnsafeMutablePointer<UnsafeMutablePointer<Prometheus__Label>?>?, count: Int) -> [(name: String, value: String)] {
        (0..<count).map { index in
            let label = labels![index]!.pointee
            return (string(label.name), string(label.value))
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
