import CCurl
import Synchronization

/// One libcurl easy handle and the single attempts made with it.
///
/// Keeping the handle between requests keeps its connection cache, so consecutive requests to the same
/// collector reuse one connection. Calls block; `HTTPTransport` makes them one at a time on its own queue,
/// which is why the class may cross threads although it is not thread-safe.
final class CurlSession: @unchecked Sendable {
    /// The outcome of one attempt.
    enum Attempt {
        /// The server answered.
        case response(status: Int, body: [UInt8], isTruncated: Bool, fields: [String: String])
        /// No answer.
        case failure(Failure, message: String)
    }

    /// Why an attempt got no answer.
    enum Failure {
        /// No connection: refused, reset, unresolvable, TLS failure, or the connect timeout passed.
        case connection
        /// Connected, but the time limit of the attempt passed before the response.
        case timedOut
        /// The cancellation flag was set.
        case cancelled
    }

    /// What the attempt needs besides the request.
    struct Limits {
        var connectTimeout: Duration
        var totalTimeout: Duration
        var maximumResponseBodySize: Int
    }

    private static let emptyBody: StaticString = ""
    private static let globalInitialization: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let handle: UnsafeMutableRawPointer
    private let userAgent: String
    private let tls: TLSConfiguration
    /// The origin of the cleartext HTTP/2 connection the handle keeps, if any.
    private var keptCleartextHTTP2Origin: String?

    /// Creates a session; nil when libcurl cannot create a handle.
    init?(userAgent: String, tls: TLSConfiguration) {
        guard Self.globalInitialization, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.userAgent = userAgent
        self.tls = tls
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Makes one request and waits for its outcome. `cancellation` aborts it within about a second when set.
    func perform(
        _ method: HTTPRequest.Method, version: HTTPRequest.Version, url: String, headers: [String], body: [UInt8], limits: Limits,
        cancellation: CancellationFlag
    ) -> Attempt {
        let isCleartextHTTP2 = version == .http2 && !url.lowercased().hasPrefix("https:")
        guard isCleartextHTTP2 else {
            let httpVersion = version == .http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_NONE
            return attempt(method, httpVersion: httpVersion, url: url, headers: headers, body: body, limits: limits, cancellation: cancellation)
        }
        // libcurl 7.88 (Debian 12) fails every request made with prior knowledge on a kept cleartext HTTP/2
        // connection ("Error in the HTTP2 framing layer", curl #10634). So prior knowledge opens the connection, and
        // later requests to the same origin ask for plain HTTP/2, which reuses it. Should that connection have closed
        // meanwhile, libcurl opens a new one with an HTTP/1.1 upgrade, which a gRPC server refuses before reading
        // the request; the request then goes again with prior knowledge on a new connection.
        let origin = Self.origin(of: url)
        if origin == keptCleartextHTTP2Origin {
            let reused = attempt(method, httpVersion: CURL_HTTP_VERSION_2_0, url: url, headers: headers, body: body, limits: limits, cancellation: cancellation)
            if case .response = reused { return reused }
            keptCleartextHTTP2Origin = nil
            var connects = 0
            _ = vernier_curl_get_long(handle, CURLINFO_NUM_CONNECTS, &connects)
            guard connects > 0, !cancellation.isSet else { return reused }
        }
        let opened = attempt(
            method, httpVersion: CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE, url: url, headers: headers, body: body, limits: limits, cancellation: cancellation)
        var negotiated = 0
        _ = vernier_curl_get_long(handle, CURLINFO_HTTP_VERSION, &negotiated)
        if case .response = opened, negotiated == CURL_HTTP_VERSION_2_0 { keptCleartextHTTP2Origin = origin }
        return opened
    }

    /// Scheme, host and port of a URL: what decides whether a kept connection serves it.
    private static func origin(of url: String) -> String {
        let authorityStart = url.firstIndex(of: ":").flatMap { url.index($0, offsetBy: 3, limitedBy: url.endIndex) } ?? url.startIndex
        return url[..<(url[authorityStart...].firstIndex(of: "/") ?? url.endIndex)].lowercased()
    }

    /// One request with the HTTP version option given.
    private func attempt(
        _ method: HTTPRequest.Method, httpVersion: Int, url: String, headers: [String], body: [UInt8], limits: Limits,
        cancellation: CancellationFlag
    ) -> Attempt {
        let collector = ResponseCollector(limit: limits.maximumResponseBodySize, cancellation: cancellation)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in headers + ["Expect:"] {
            headerList = curl_slist_append(headerList, header)
        }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = body.withUnsafeBufferPointer { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
                withExtendedLifetime(collector) {
                    let context = Unmanaged.passUnretained(collector).toOpaque()
                    let options = OptionSetter(handle: handle)
                    options.string(CURLOPT_URL, url)
                    options.string(CURLOPT_PROTOCOLS_STR, "http,https")
                    switch method {
                    case .post, .put:
                        options.long(CURLOPT_POST, 1)
                        options.pointer(CURLOPT_POSTFIELDS, UnsafeRawPointer(bodyBytes.baseAddress ?? Self.emptyBody.utf8Start))
                        options.offset(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyBytes.count))
                        options.pointer(CURLOPT_ACCEPT_ENCODING, nil)
                    case .get, .delete:
                        options.long(CURLOPT_HTTPGET, 1)
                        options.string(CURLOPT_ACCEPT_ENCODING, "gzip")
                    }
                    // The handle is reused: the method word is set for every request, and cleared for POST and GET.
                    switch method {
                    case .put: options.string(CURLOPT_CUSTOMREQUEST, "PUT")
                    case .delete: options.string(CURLOPT_CUSTOMREQUEST, "DELETE")
                    case .post, .get: options.pointer(CURLOPT_CUSTOMREQUEST, nil)
                    }
                    options.long(CURLOPT_HTTP_VERSION, httpVersion)
                    options.pointer(CURLOPT_HTTPHEADER, UnsafeRawPointer(headerList))
                    options.string(CURLOPT_USERAGENT, userAgent)
                    options.long(CURLOPT_NOSIGNAL, 1)
                    options.long(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(limits.connectTimeout, limits.totalTimeout)))
                    options.long(CURLOPT_TIMEOUT_MS, Self.milliseconds(limits.totalTimeout))
                    options.pointer(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBytes.baseAddress!))
                    _ = vernier_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, ResponseCollector.write)
                    options.pointer(CURLOPT_WRITEDATA, UnsafeRawPointer(context))
                    options.long(CURLOPT_NOPROGRESS, 0)
                    _ = vernier_curl_set_progress_callback(handle, ResponseCollector.progress)
                    options.pointer(CURLOPT_XFERINFODATA, UnsafeRawPointer(context))
                    options.optionalString(CURLOPT_CAINFO, tls.certificateAuthorityFile)
                    options.optionalString(CURLOPT_SSLCERT, tls.clientCertificateFile)
                    options.optionalString(CURLOPT_SSLKEY, tls.clientKeyFile)
                    return curl_easy_perform(handle)
                }
            }
        }
        // The buffers set above are about to go away; the handle must not keep pointers to them.
        _ = vernier_curl_set_pointer(handle, CURLOPT_POSTFIELDS, nil)
        _ = vernier_curl_set_pointer(handle, CURLOPT_HTTPHEADER, nil)
        _ = vernier_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, nil)

        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            var connectMicroseconds: curl_off_t = 0
            _ = vernier_curl_get_offset(handle, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
            switch code {
            case CURLE_ABORTED_BY_CALLBACK: return .failure(.cancelled, message: message)
            case CURLE_OPERATION_TIMEDOUT where connectMicroseconds > 0: return .failure(.timedOut, message: message)
            default: return .failure(.connection, message: message)
            }
        }
        var status = 0
        _ = vernier_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .response(status: status, body: collector.body, isTruncated: collector.isTruncated, fields: responseFields())
    }

    /// The last response's header and trailer fields by lowercased name; the last of a name wins.
    private func responseFields() -> [String: String] {
        var fields: [String: String] = [:]
        var previous: UnsafeMutablePointer<curl_header>?
        while let field = curl_easy_nextheader(handle, UInt32(CURLH_HEADER | CURLH_TRAILER), -1, previous) {
            if let name = field.pointee.name, let value = field.pointee.value {
                fields[String(cString: name).lowercased()] = String(cString: value)
            }
            previous = field
        }
        return fields
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int(duration.seconds * 1000))
    }
}

/// Sets options on a handle through the typed wrappers of the variadic `curl_easy_setopt`.
private struct OptionSetter {
    let handle: UnsafeMutableRawPointer

    func long(_ option: CURLoption, _ value: Int) {
        _ = vernier_curl_set_long(handle, option, value)
    }

    func offset(_ option: CURLoption, _ value: curl_off_t) {
        _ = vernier_curl_set_offset(handle, option, value)
    }

    func pointer(_ option: CURLoption, _ value: UnsafeRawPointer?) {
        _ = vernier_curl_set_pointer(handle, option, value)
    }

    /// libcurl copies string options, so the temporary C string may go away after the call.
    func string(_ option: CURLoption, _ value: String) {
        _ = value.withCString { vernier_curl_set_pointer(handle, option, $0) }
    }

    func optionalString(_ option: CURLoption, _ value: String?) {
        if let value {
            string(option, value)
        } else {
            pointer(option, nil)
        }
    }
}

/// Collects a response body up to a limit and answers libcurl's progress calls with the cancellation state.
private final class ResponseCollector {
    let limit: Int
    let cancellation: CancellationFlag
    var body: [UInt8] = []
    /// Whether bytes beyond `limit` arrived.
    var isTruncated = false

    init(limit: Int, cancellation: CancellationFlag) {
        self.limit = limit
        self.cancellation = cancellation
    }

    static let write: vernier_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        let kept = min(length, max(0, collector.limit - collector.body.count))
        if kept < length { collector.isTruncated = true }
        data.withMemoryRebound(to: UInt8.self, capacity: kept) { bytes in
            collector.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: kept))
        }
        return length
    }

    static let progress: vernier_curl_progress_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        return collector.cancellation.isSet ? 1 : 0
    }
}

/// A flag a cancelled task sets and a blocking curl call polls.
final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)

    /// Whether cancellation was requested.
    var isSet: Bool { state.load(ordering: .relaxed) }

    /// Requests cancellation.
    func set() { state.store(true, ordering: .relaxed) }
}
