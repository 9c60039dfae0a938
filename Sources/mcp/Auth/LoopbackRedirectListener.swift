import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-shot HTTP listener on 127.0.0.1 receiving the authorization server's redirect
/// (RFC 8252 §7.3 loopback redirection).
final class LoopbackRedirectListener: Sendable {
    let port: Int
    private let descriptor: Int32
    private let closed = Mutex(false)

    /// Listens on `preferredPort`, or on any free port if that one is taken.
    init(preferredPort: Int) throws {
        var lastError: Int32 = 0
        for candidate in [preferredPort, 0] {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw CLIError(status: .authorization, message: "could not open the redirect listener") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(candidate).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0, listen(fd, 8) == 0 {
                var actual = sockaddr_in()
                var length = socklen_t(MemoryLayout<sockaddr_in>.size)
                _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
                descriptor = fd
                port = Int(UInt16(bigEndian: actual.sin_port))
                return
            }
            lastError = errno
            _ = closeDescriptor(fd)
        }
        throw CLIError(status: .authorization, message: "could not listen on 127.0.0.1 for the authorization redirect (errno \(lastError))")
    }

    var redirectURI: String { "http://127.0.0.1:\(port)/callback" }

    /// Waits for a request to `/callback`, answers it with a page telling the user to return to
    /// the terminal, and returns its full URL.
    func waitForRedirect(timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        let result: String? = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String?, any Error>) in
                // A thread of its own for a wait of minutes: `DispatchQueue.global()` shares its
                // threads with Swift's cooperative pool on Linux (about one per core).
                Thread.detachNewThread {
                    continuation.resume(returning: self.acceptRedirect(until: deadline))
                }
            }
        } onCancel: {
            self.close()
        }
        guard let result else {
            try Task.checkCancellation()
            throw CLIError(status: .authorization, message: "no authorization redirect arrived within \(timeout.components.seconds) seconds")
        }
        return result
    }

    func close() {
        let wasOpen = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if wasOpen { _ = closeDescriptor(descriptor) }
    }

    deinit { close() }

    private func acceptRedirect(until deadline: ContinuousClock.Instant) -> String? {
        while ContinuousClock.now < deadline, !closed.withLock({ $0 }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 250) > 0 else { continue }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { continue }
            defer { _ = closeDescriptor(connection) }
            guard let target = Self.readRequestTarget(connection) else { continue }
            guard target.hasPrefix("/callback") else {
                Self.respond(connection, status: "404 Not Found", body: "Not found.")
                continue
            }
            Self.respond(connection, status: "200 OK", body: "Authorization received. You can close this window and return to the terminal.")
            return "http://127.0.0.1:\(port)" + target
        }
        return nil
    }

    /// The target of `GET target HTTP/1.1`, read within a few seconds.
    private static func readRequestTarget(_ connection: Int32) -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 16_384 {
            var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5000) > 0 else { return nil }
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
            if String(decoding: received, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        let firstLine = String(decoding: received, as: UTF8.self).split(separator: "\r\n", maxSplits: 1).first ?? ""
        let parts = firstLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    private static func respond(_ connection: Int32, status: String, body: String) {
        let page = "<!doctype html><meta charset=utf-8><title>mcp</title><p>\(body)</p>"
        let response = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(page.utf8.count)\r\nConnection: close\r\n\r\n\(page)"
        _ = Array(response.utf8).withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
    }
}

/// `close(2)`, named apart from the listener's own `close()`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
