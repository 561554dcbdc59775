import Testing
import Vernier
import VernierPrometheus

@Suite("OpenTelemetry to Prometheus names")
struct PrometheusNamingTests {
    let naming = PrometheusNaming()

    @Test("metric names get unit words and type suffixes as the compatibility spec shows", arguments: [
        ("http.server.request.duration", "s", PrometheusNaming.FamilyType.histogram, "http_server_request_duration_seconds"),
        ("system.filesystem.usage", "By", .gauge, "system_filesystem_usage_bytes"),
        ("system.network.dropped", "{packets}", .counter, "system_network_dropped"),
        ("system.network.dropped", "packets", .counter, "system_network_dropped_packets"),
        ("system.memory.utilization", "1", .gauge, "system_memory_utilization_ratio"),
        ("shop.orders", "1", .counter, "shop_orders"),
        ("network.io", "By/s", .gauge, "network_io_bytes_per_second"),
        ("requests.rate", "{request}/s", .gauge, "requests_rate_per_second"),
        ("queue.wait", "ms", .histogram, "queue_wait_milliseconds"),
        ("room.temperature", "Cel", .gauge, "room_temperature_celsius"),
        ("process.cpu.time.seconds", "s", .counter, "process_cpu_time_seconds"),
        ("jobs.done_total", "{job}", .counter, "jobs_done"),
        ("jobs.duration_total", "s", .counter, "jobs_duration_seconds"),
        ("(lambda).function.executions(#)", "", .counter, "_lambda_function_executions_"),
        ("9lives", "", .gauge, "_9lives"),
        ("a..b__c", "", .gauge, "a_b_c"),
        ("data.size", "MiBy", .gauge, "data_size_mebibytes"),
        ("weird.unit", "m²", .gauge, "weird_unit_m"),
        ("http_request_duration_seconds", "s", .histogram, "http_request_duration_seconds"),
        ("cache.hit.ratio", "1", .gauge, "cache_hit_ratio"),
        ("shop.orders", "{order}", .counter, "shop_orders"),
    ])
    func baseNames(name: String, unit: String, type: PrometheusNaming.FamilyType, expected: String) {
        #expect(naming.baseName(metricName: name, unit: unit, type: type) == expected)
    }

    @Test func counterSamplesEndInTotalOnce() {
        let base = naming.baseName(metricName: "http.requests_total", unit: "", type: .counter)
        #expect(naming.counterSampleName(base: base) == "http_requests_total")
        let withUnit = naming.baseName(metricName: "bytes.sent", unit: "By", type: .counter)
        #expect(naming.counterSampleName(base: withUnit) == "bytes_sent_bytes_total")
    }

    @Test func suffixesCanBeTurnedOff() {
        let plain = PrometheusNaming(addsUnitSuffixes: false, addsTypeSuffixes: false)
        let base = plain.baseName(metricName: "http.server.request.duration", unit: "s", type: .histogram)
        #expect(base == "http_server_request_duration")
        #expect(plain.counterSampleName(base: "orders") == "orders")
    }

    @Test("label names", arguments: [
        ("http.request.method", "http_request_method"),
        ("valid_name", "valid_name"),
        ("1st", "_1st"),
        ("__reserved", "_reserved"),
        ("a:b", "a_b"),
        ("Zürich.key", "Z_rich_key"),
        ("", "_"),
    ])
    func labelNames(key: String, expected: String) {
        #expect(naming.labelName(key) == expected)
    }
}
