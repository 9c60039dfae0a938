import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MCPCore
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP side of the transports: which `HTTPClient` to use (owned or given, with or without
/// a proxy), the headers every request carries, and redirects followed only within the origin.
final class HTTPExchange: Sendable {
    let configuration: HTTPTransportConfiguration
    let client: HTTPClient
    private let ownsClient: Bool
    private let isShutDown = Mutex(false)

    init(url: URL, configuration: HTTPTransportConfiguration) {
        self.configuration = configuration
        if let client = configuration.httpClient {
            self.client = client
            self.ownsClient = false
        } else {
            let timeout = HTTPClient.Configuration.Timeout(
                connect: TimeAmount(configuration.connectTimeout),
                read: configuration.readTimeout.map(TimeAmount.init)
            )
            let proxy = Self.proxy(for: url, setting: configuration.proxy)
            var clientConfiguration: HTTPClient.Configuration
            if configuration.verifiesCertificates {
                clientConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout, proxy: proxy)
            } else {
                clientConfiguration = HTTPClient.Configuration(
                    certificateVerification: .none,
                    redirectConfiguration: .disallow,
                    timeout: timeout,
                    proxy: proxy
                )
            }
            // A server that refuses connections should fail the request now, not be retried until
            // the request's deadline (event streams have none): reconnection is this transport's job.
            clientConfiguration.connectionPool.retryConnectionEstablishment = false
            self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
            self.ownsClient = true
        }
    }

    /// Shuts the client down if this exchange created it.
    func shutdown() async {
        guard ownsClient, !isShutDown.withLock({ $0 }) else { return }
        isShutDown.withLock { $0 = true }
        try? await client.shutdown()
    }

    deinit {
        // A transport dropped without being closed (or never connected) must not take the
        // process down: AsyncHTTPClient traps when a client is released before shutdown.
        guard ownsClient, !isShutDown.withLock({ $0 }) else { return }
        let client = client
        Task { try? await client.shutdown() }
    }

    /// A request with the configured headers and bearer token.
    func makeRequest(_ method: HTTPMethod, url: String, extraHeaders: HTTPHeaders = [:]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = configuration.headers
        if let token = configuration.bearerToken {
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
        }
        for (name, value) in extraHeaders { request.headers.replaceOrAdd(name: name, value: value) }
        return request
    }

    /// Sends `request` (after the configured hook), following redirects only to the same origin;
    /// a 401 or 403 goes to the configured authorizer, which may have it sent again.
    func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        guard let authorizer = configuration.authorizer else { return try await executeFollowingRedirects(request) }
        // Few retries: one for a new token, a couple more for step-up scopes (the authorizer bounds them too).
        var retries = 0
        while true {
            var attempt = request
            try await authorizer.authorize(&attempt)
            let response = try await executeFollowingRedirects(attempt)
            let status = Int(response.status.code)
            guard status == 401 || status == 403, retries < 3 else { return response }
            let challenge = HTTPAuthorizationChallenge(
                statusCode: status, headers: response.headers, url: attempt.url, requestHeaders: attempt.headers, previousRetries: retries
            )
            let retry: Bool
            do {
                retry = try await authorizer.shouldRetry(after: challenge)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw TransportError(.authorizationFailed, "authorization failed: \(error)", statusCode: status, underlyingError: error)
            }
            guard retry else { return response }
            _ = try? await response.collectBody(limit: 64 * 1024)
            retries += 1
        }
    }

    private func executeFollowingRedirects(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        var request = request
        if let prepare = configuration.prepareRequest { try await prepare(&request) }
        for _ in 0..<5 {
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: .distantFuture)
            } catch let error as HTTPClientError where error == .connectTimeout {
                throw TransportError(.connectionFailed, "timed out connecting to \(Self.origin(request.url) ?? request.url)", underlyingError: error)
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as HTTPClientError where error == .cancelled {
                throw CancellationError()
            } catch {
                throw TransportError(.connectionFailed, "could not reach \(Self.origin(request.url) ?? request.url)", underlyingError: error)
            }
            guard [301, 302, 303, 307, 308].contains(response.status.code),
                let location = response.headers.first(name: "Location")
            else { return response }
            guard let target = Self.resolve(location, against: request.url), Self.origin(target) == Self.origin(request.url) else {
                throw TransportError(.protocolViolation, "refused a redirect from \(request.url) to another origin (\(location))")
            }
            // 307/308 repeat the request as is; the others turn it into a GET.
            if ![307, 308].contains(response.status.code) {
                request.method = .GET
                request.body = nil
            }
            request.url = target
        }
        throw TransportError(.protocolViolation, "too many redirects from \(request.url)")
    }

    // MARK: URLs

    /// `scheme://host:port`, lowercased, with the default port made explicit.
    static func origin(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased() else {
            return nil
        }
        let port = components.port ?? (scheme == "https" || scheme == "wss" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    /// `reference` resolved against `base` (RFC 3986).
    static func resolve(_ reference: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: reference, relativeTo: baseURL) else { return nil }
        return resolved.absoluteString
    }

    // MARK: Proxy

    static func proxy(for url: URL, setting: ProxySetting) -> HTTPClient.Configuration.Proxy? {
        switch setting {
        case .none:
            return nil
        case .server(let host, let port):
            return .server(host: host, port: port)
        case .environment:
            let environment = ProcessInfoEnvironment.variables
            let secure = url.scheme?.lowercased() == "https" || url.scheme?.lowercased() == "wss"
            let names = secure ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
            guard let value = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
            if let host = url.host, bypassesProxy(host: host, noProxy: environment["NO_PROXY"] ?? environment["no_proxy"] ?? "") {
                return nil
            }
            let proxyURL = value.contains("://") ? value : "http://\(value)"
            guard let components = URLComponents(string: proxyURL), let host = components.host else { return nil }
            return .server(host: host, port: components.port ?? 80)
        }
    }

    /// Whether `NO_PROXY` (a comma-separated list of hosts, domain suffixes, or `*`) covers `host`.
    static func bypassesProxy(host: String, noProxy: String) -> Bool {
        let host = host.lowercased()
        for rawEntry in noProxy.split(separator: ",") {
            var entry = String(rawEntry.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            // "host:port" names the host; an IPv6 address has several colons and is kept whole.
            if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
                entry = String(entry[..<colon])
            }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }
}

/// This process's environment.
enum ProcessInfoEnvironment {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
