import Testing
@testable import Vernier

@Suite struct ResourceTests {
    @Test func withoutANameTheServiceIsUnknown() {
        let name = Resource().attributes["service.name"]?.description ?? ""
        #expect(name.hasPrefix("unknown_service:"))
    }
}
