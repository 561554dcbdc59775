import Testing
@testable import Vernier

@Suite struct ResourceTests {
    @Test func environmentAttributesAndServiceNameMerge() {
        let resource = Resource(environment: [
            "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod, team=pay%20ments,broken",
            "OTEL_SERVICE_NAME": "checkout",
        ])
        #expect(resource.attributes["service.name"] == "checkout")
        #expect(resource.attributes["team"] == "pay ments")
        #expect(resource.attributes["deployment.environment"] == "prod")
        #expect(resource.attributes["telemetry.sdk.name"] == "vernier")
    }

    @Test func codeWinsOverTheEnvironment() {
        let resource = Resource(serviceName: "shop", serviceInstanceID: "i-1", environment: ["OTEL_SERVICE_NAME": "env"])
        #expect(resource.attributes["service.name"] == "shop")
        #expect(resource.attributes["service.instance.id"] == "i-1")
    }

    @Test func withoutANameTheServiceIsUnknown() {
        let name = Resource(environment: [:]).attributes["service.name"]?.description ?? ""
        #expect(name.hasPrefix("unknown_service:"))
    }
}
