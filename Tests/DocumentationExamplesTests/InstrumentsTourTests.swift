import Testing
import Vernier

/// The instruments tour of the "Instruments and views" article does what the article says.
@Suite struct InstrumentsTourTests {
    @Test func everyKindIsCollectedAndTheViewMakesTheCartExponential() throws {
        let (snapshot, reader) = try instrumentsTour()
        let names = Set(snapshot.metrics.map(\.name))
        #expect(names.isSuperset(of: [
            "shop.orders", "shop.revenue", "shop.checkouts.active", "shop.checkout.duration",
            "shop.cart.value", "shop.freezer.temperature", "shop.inventory.level",
        ]))
        let cart = snapshot.metrics.first { $0.name == "shop.cart.value" }
        guard case .exponentialHistogram = cart?.data else {
            Issue.record("the view should make shop.cart.value exponential")
            return
        }
        #expect(!reader.collect().metrics.contains { $0.name == "shop.inventory.level" }, "the callback was unregistered")
    }
}
