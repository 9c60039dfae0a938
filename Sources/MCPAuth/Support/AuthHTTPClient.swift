import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1

/// The authorization layer's HTTP: every URL checked against the security policy first,
/// redirects never followed (each hop would need checking), bodies bounded.
final class AuthHTTPClient: Sendable {
    let client: HTTPClient
    let policy: URLSecurityPolicy
    private static let bodyLimit = 1 << 20

    /// A response: status, headers, body.
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data

        func decode<T: Decodable>(_ type: T.Type, what: String) throws -> T {
            do {
                return try JSONDecoder().decode(type, from: body)
            } catch {
                throw AuthorizationError(.invalidResponse, "could not read the \(what): \(error)")
            }
        }
    }

    /// Uses `client` if given, else one client shared by the whole process (never shut down, so
    /// authorizers need no teardown).
    init(client: HTTPClient?, policy: URLSecurityPolicy) {
        self.policy = policy
        self.client = client ?? sharedAuthorizationHTTPClient
    }

    func get(_ url: String, purpose: String) async throws -> Response {
        try policy.checkFetchable(url, purpose: purpose)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request, purpose: purpose)
    }

    func postForm(_ url: String, fields: [(String, String)], headers: HTTPHeaders = [:], purpose: String) async throws -> Response {
        try policy.checkFetchable(url, purpose: purpose)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.replaceOrAdd(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: FormURLEncoding.encode(fields)))
        return try await send(request, purpose: purpose)
    }

    func postJSON(_ url: String, body: Data, purpose: String) async throws -> Response {
        try policy.checkFetchable(url, purpose: purpose)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await send(request, purpose: purpose)
    }

    func send(_ request: HTTPClientRequest, purpose: String) async throws -> Response {
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: Self.bodyLimit)
            return Response(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
        } catch let error as AuthorizationError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AuthorizationError(.discoveryFailed, "could not reach the \(purpose) endpoint \(request.url): \(error)")
        }
    }
}

/// The process-wide client of the authorization layer: redirects never followed, created on
/// first use and kept for the process's lifetime.
private let sharedAuthorizationHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(30), read: .seconds(60)))
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()
