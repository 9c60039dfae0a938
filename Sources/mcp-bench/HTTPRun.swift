import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One reply mode's figures: limit_http.c's and this client's (from `mcp-bench-http`), against
/// the same fakehttp.
struct HTTPFigures {
    var limitSequential: Double
    var limitConcurrent: Double
    var oursSequential: Double
    var oursConcurrent: Double

    var sequentialRatio: Double { oursSequential / limitSequential }
    var concurrentRatio: Double { oursConcurrent / limitConcurrent }
}

/// The Streamable HTTP rows: fakehttp on a loopback port, limit_http.c against it, then this
/// client (in the `mcp-bench-http` executable next to `mcp-bench`, so that AsyncHTTPClient's
/// Foundation stays out of the stdio client's resident size), all pinned like the rest.
enum HTTPRun {
    enum Mode: String {
        /// `application/json` replies.
        case json
        /// Each reply as a one-event `text/event-stream` (chunked).
        case sse
    }

    /// `mcp-bench-http` beside this executable, built now (`swift build` with this executable's
    /// configuration, in the package it was built from) if it is missing; `nil` if that fails.
    static func clientExecutable() -> String? {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        let executable = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = executable.lastIndex(of: "/") else { return nil }
        let folder = String(executable[..<slash])
        let candidate = folder + "/mcp-bench-http"
        if Files.exists(candidate) { return candidate }
        // Sources/mcp-bench/HTTPRun.swift → the package root.
        let packageRoot = Files.normalized(String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex)) + "/../..")
        guard Files.exists(packageRoot + "/Package.swift") else { return nil }
        let configuration = folder.hasSuffix("/debug") ? "debug" : "release"
        let note = Array("building mcp-bench-http (\(configuration))…\n".utf8)
        _ = note.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        let build = try? Command.run("/usr/bin/env", ["swift", "build", "-c", configuration, "--product", "mcp-bench-http", "--package-path", packageRoot])
        guard let build, build.status == 0, Files.exists(candidate) else {
            let warning = Array("warning: could not build mcp-bench-http:\n\(build?.output ?? "")\n".utf8)
            _ = warning.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            return nil
        }
        return candidate
    }

    static func run(
        _ mode: Mode,
        fakehttp: String,
        limit: String,
        client: String,
        calls: Int,
        concurrency: Int
    ) throws -> HTTPFigures {
        let server = try Server.start(fakehttp, mode == .sse ? ["--sse", "0"] : ["0"])
        defer { server.stop() }
        let limitRun = try Command.run(limit, [String(server.port), String(calls), String(concurrency), "1024", "1"])
        guard limitRun.status == 0 else { throw ValidationError("limit_http failed:\n\(limitRun.output)") }
        let oursRun = try Command.run(client, [
            "--url", "http://127.0.0.1:\(server.port)/mcp", "--calls", String(calls), "--concurrency", String(concurrency),
        ])
        guard oursRun.status == 0 else { throw ValidationError("mcp-bench-http failed:\n\(oursRun.output)") }
        let ours = try pairs(oursRun.output)
        guard let sequential = ours["sequential_calls_per_s"], let concurrent = ours["concurrent_calls_per_s"] else {
            throw ValidationError("cannot read mcp-bench-http's output:\n\(oursRun.output)")
        }
        return HTTPFigures(
            limitSequential: try LimitRun.number(in: limitRun.output, after: "sequential tools/call", before: " calls/s"),
            limitConcurrent: try LimitRun.number(in: limitRun.output, after: "concurrent tools/call", before: " calls/s"),
            oursSequential: sequential,
            oursConcurrent: concurrent
        )
    }

    /// The "name value name value …" line `mcp-bench-http` prints last.
    private static func pairs(_ output: String) throws -> [String: Double] {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("sequential_calls_per_s") }) else { return [:] }
        let words = line.split(separator: " ")
        var result: [String: Double] = [:]
        var index = 0
        while index + 1 < words.count {
            result[String(words[index])] = Double(words[index + 1])
            index += 2
        }
        return result
    }

    /// A running fakehttp.
    struct Server {
        var pid: pid_t
        var port: Int
        var stderr: Int32

        /// Starts it on a free port and reads the port from its first line on stderr.
        static func start(_ executable: String, _ arguments: [String]) throws -> Server {
            let (pid, stderr) = try Command.spawnPiping([2], executable, arguments)
            var server = Server(pid: pid, port: 0, stderr: stderr)
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while read(stderr, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
            let text = String(decoding: line, as: UTF8.self)
            // "fakehttp: listening on http://127.0.0.1:PORT/mcp (…)"
            guard let start = text.firstRange(of: "127.0.0.1:")?.upperBound,
                let port = Int(text[start...].prefix(while: \.isNumber))
            else {
                server.stop()
                throw ValidationError("fakehttp did not start: \(text)")
            }
            server.port = port
            return server
        }

        /// SIGTERM, then SIGKILL if it has not exited within two seconds; always reaped.
        func stop() {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            for _ in 0..<200 {
                if waitpid(pid, &status, WNOHANG) == pid {
                    close(stderr)
                    return
                }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            close(stderr)
        }
    }
}
