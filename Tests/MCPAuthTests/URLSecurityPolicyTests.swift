import Foundation
@testable import MCPAuth
import Testing

@Suite("URL security rules")
struct URLSecurityPolicyTests {
    let policy = URLSecurityPolicy()

    @Test("authorization URLs: https, or http on loopback only; no javascript:, data:, file: or shell characters",
          arguments: [
            ("https://auth.example.com/authorize?x=1", true),
            ("http://127.0.0.1:9000/authorize", true),
            ("http://localhost/authorize", true),
            ("http://auth.example.com/authorize", false),
            ("javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("file:///etc/passwd", false),
            ("vbscript:msgbox", false),
            ("https://auth.example.com/a;rm -rf", false),
            ("https://auth.example.com/a`id`", false),
            ("https://auth.example.com/$(id)", false),
          ])
    func authorizationURLs(url: String, allowed: Bool) {
        #expect(((try? policy.checkAuthorizationURL(url)) != nil) == allowed)
    }

    @Test("fetches: private, link-local and ambiguous numeric addresses are refused (SSRF)",
          arguments: [
            ("https://10.0.0.1/x", false), ("https://172.16.5.4/x", false), ("https://192.168.1.1/x", false),
            ("http://169.254.169.254/latest/meta-data", false), ("https://[fc00::1]/x", false), ("https://[fe80::1]/x", false),
            ("https://[::ffff:10.0.0.1]/x", false), ("https://0x7f000001/x", false), ("https://2130706433/x", false),
            ("https://010.0.0.1/x", false), ("https://93.184.216.34/x", true), ("https://auth.example.com/x", true),
            ("http://[::1]:8080/x", true), ("http://127.0.0.1:1/x", true), ("ftp://auth.example.com/x", false),
          ])
    func fetches(url: String, allowed: Bool) {
        #expect(((try? policy.checkFetchable(url, purpose: "test")) != nil) == allowed)
    }

    @Test("loopback can be refused, and private networks allowed, explicitly")
    func options() {
        let strict = URLSecurityPolicy(allowsLoopbackHTTP: false, allowsLoopback: false)
        #expect((try? strict.checkFetchable("http://127.0.0.1/x", purpose: "test")) == nil)
        let lenient = URLSecurityPolicy(allowsPrivateNetworks: true)
        #expect((try? lenient.checkFetchable("https://10.1.2.3/x", purpose: "test")) != nil)
    }
}
