import Logging
import NIOHTTP1
import VernierHTTP

/// The demo's small HTTP API: `GET /products/{id}` and `POST /checkout`.
///
/// A checkout takes a few simulated milliseconds and fails with 500 about one time in eight, so the latency
/// histogram has a spread and an error series. Each answer is logged; run inside the request's span, the
/// log line carries the trace id.
struct ShopAPI: Sendable {
    /// The routes the API serves, as templates for `http.route`.
    static let routes = HTTPRouteTemplates(["/products/{id}", "/checkout"])

    private static let products = ["espresso-beans": 14.5, "grinder": 129.0, "milk-jug": 19.9]

    let logger: Logger

    /// The status and JSON body answering `method` on `uri`.
    func respond(method: HTTPMethod, uri: String) async -> (status: HTTPResponseStatus, body: String) {
        switch (method, Self.routes.route(for: uri)) {
        case (.GET, "/products/{id}"?):
            let id = String(uri.split(separator: "?").first?.split(separator: "/").last ?? "")
            guard let price = Self.products[id] else {
                logger.info("product not found", metadata: ["product.id": .string(id)])
                return (.notFound, #"{"error":"no such product"}"#)
            }
            logger.info("product shown", metadata: ["product.id": .string(id)])
            return (.ok, #"{"id":"\#(id)","price":\#(price)}"#)
        case (.POST, "/checkout"?):
            try? await Task.sleep(for: .milliseconds(Int.random(in: 5...60)))
            guard Int.random(in: 0..<8) != 0 else {
                logger.error("checkout failed: payment provider timed out")
                return (.internalServerError, #"{"error":"payment provider timed out"}"#)
            }
            logger.info("checkout completed")
            return (.ok, #"{"status":"completed"}"#)
        case (_, _?):
            return (.methodNotAllowed, #"{"error":"method not allowed"}"#)
        case (_, nil):
            return (.notFound, #"{"error":"not found"}"#)
        }
    }
}
