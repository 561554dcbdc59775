import Testing
import Vernier

@Suite struct URLCredentialsTests {
    @Test(arguments: [
        ("gopher://user:secret@host", "gopher://****@host"),
        ("https://user:pass@collector:4318/v1/metrics", "https://****@collector:4318/v1/metrics"),
        ("http://token@collector", "http://****@collector"),
        ("http://user:p@ss@host/path", "http://****@host/path"),
        ("user:secret@host:9090/api", "****@host:9090/api"),
        ("http://collector/v1/metrics?x=a@b", "http://collector/v1/metrics?x=a@b"),
        ("http://collector:4318", "http://collector:4318"),
        ("not-a-url", "not-a-url"),
    ])
    func aConfiguredURLKeepsOnlyItsHost(url: String, shown: String) {
        #expect(URLCredentials.masked(url) == shown)
    }

    @Test func everyURLInFreeTextIsMasked() {
        let text = "sent to http://a:b@one/x and ftp://c:d@two, then to https://three/y?z=@w; mail me@example.com"
        #expect(URLCredentials.maskingCredentials(in: text)
                == "sent to http://****@one/x and ftp://****@two, then to https://three/y?z=@w; mail me@example.com")
        #expect(URLCredentials.maskingCredentials(in: "redis://u:pw@cache") == "redis://****@cache")
        #expect(URLCredentials.maskingCredentials(in: "no urls here") == "no urls here")
    }
}
