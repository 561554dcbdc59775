import Testing
import Vernier
@testable import VernierRemoteWrite

@Suite("Remote-write request headers")
struct RemoteWriteHeadersTests {
    private func value(_ name: String, in headers: [(name: String, value: String)]) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    @Test func mandatedHeadersCannotBeReplaced() {
        let headers = RemoteWriteHeaders.build(authorization: nil, extra: [
            ("content-encoding", "gzip"), ("Content-Type", "text/plain"), ("X-Prometheus-Remote-Write-Version", "2.0.0"),
            ("User-Agent", "other"), ("X-Scope-OrgID", "tenant-1"),
        ])
        #expect(value("Content-Encoding", in: headers) == ["snappy"])
        #expect(value("Content-Type", in: headers) == ["application/x-protobuf"])
        #expect(value("X-Prometheus-Remote-Write-Version", in: headers) == ["0.1.0"])
        #expect(value("User-Agent", in: headers).isEmpty)
        #expect(value("X-Scope-OrgID", in: headers) == ["tenant-1"])
    }

    @Test func basicAuthorizationIsBase64OfUserColonPassword() {
        let headers = RemoteWriteHeaders.build(authorization: .basic(username: "Aladdin", password: "open sesame"), extra: [("Authorization", "x")])
        #expect(value("Authorization", in: headers) == ["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="])
    }

    @Test func bearerAuthorizationCarriesTheToken() {
        let headers = RemoteWriteHeaders.build(authorization: .bearer(token: "s3cr3t"), extra: [])
        #expect(value("Authorization", in: headers) == ["Bearer s3cr3t"])
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64MatchesTheRFCVectors(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }
}
