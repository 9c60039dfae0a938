import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Plain HTTP for tests: no redirects followed, so a test can play the browser.
enum FixtureHTTP {
    static let client: HTTPClient = {
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    static func get(_ url: String) async throws -> (Data, HTTPClientResponse) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Data(body.readableBytesView), response)
    }
}
