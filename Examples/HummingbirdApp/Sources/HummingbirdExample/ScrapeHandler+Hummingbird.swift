import HTTPTypes
import Hummingbird
import VernierPrometheus

extension ScrapeHandler {
    /// Answers a Hummingbird request for the metrics path: format negotiation, gzip and the scrape
    /// timeout as `ScrapeHandler.handle` decides them.
    func response(to request: Request) async -> Response {
        let scrape = await handle(ScrapeRequest(
            method: request.method.rawValue, path: request.uri.path,
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }))
        let headers = HTTPFields(scrape.headers.compactMap { header in
            HTTPField.Name(header.name).map { HTTPField(name: $0, value: header.value) }
        })
        return Response(status: .init(code: scrape.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: scrape.body)))
    }
}
