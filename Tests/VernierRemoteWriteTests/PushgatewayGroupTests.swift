import Testing
@testable import VernierRemoteWrite

@Suite("Pushgateway group URLs")
struct PushgatewayGroupTests {
    @Test func plainValuesGoAsTheyAreAndOthersInBase64URL() throws {
        let url = try PushgatewayGroup.url(
            base: "http://gateway:9091/", job: "nightly-report",
            groupingKey: [("instance", "host/1"), ("shard", ""), ("zone", "eu-1.a_b~c"), ("note", "ü?+")])
        // base64url: "host/1" → aG9zdC8x, "" → "=", "ü?+" → w7w_Kw== ('/' and '+' of base64 become '_' and '-').
        #expect(url == "http://gateway:9091/metrics/job/nightly-report/instance@base64/aG9zdC8x/shard@base64/=/zone/eu-1.a_b~c/note@base64/w7w_Kw==")
        #expect(try PushgatewayGroup.url(base: "http://g:9091", job: "a/b", groupingKey: []) == "http://g:9091/metrics/job@base64/YS9i")
    }

    @Test(arguments: [
        ("", [(String, String)]()),
        ("job", [("not a label", "x")]),
        ("job", [("__reserved", "x")]),
        ("job", [("9lives", "x")]),
        ("job", [("instance", "a"), ("instance", "b")]),
        ("job", [("job", "again")]),
    ])
    func aKeyThatCannotNameAGroupIsRefused(job: String, groupingKey: [(String, String)]) {
        #expect(throws: PushgatewayError.self) {
            try PushgatewayGroup.url(base: "http://g:9091", job: job, groupingKey: groupingKey.map { (name: $0.0, value: $0.1) })
        }
    }
}
