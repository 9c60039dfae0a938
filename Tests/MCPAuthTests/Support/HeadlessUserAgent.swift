import Foundation
import MCPAuth
import Synchronization

/// A user agent with no user: it "opens" the authorization URL by fetching it and returns where
/// the authorization server redirected (the server approves at once). Records each URL opened.
final class HeadlessUserAgent: AuthorizationUserAgent {
    let redirect: String
    private let opened = Mutex<[String]>([])

    init(redirect: String = "http://127.0.0.1:53682/callback") {
        self.redirect = redirect
    }

    var openedURLs: [String] { opened.withLock { $0 } }

    func redirectURI() async throws -> String { redirect }

    func authorize(url: String, redirectURI: String) async throws -> String {
        opened.withLock { $0.append(url) }
        let (body, response) = try await FixtureHTTP.get(url)
        guard (300..<400).contains(Int(response.status.code)), let location = response.headers.first(name: "Location") else {
            throw TestSetupError("the authorization endpoint answered \(response.status.code): \(String(decoding: body, as: UTF8.self))")
        }
        return location
    }
}
