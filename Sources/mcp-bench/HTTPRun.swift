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
/// client (in the `mcp-bench-http` executable next to `mcp-bench`, see ``Sibling``, so that AsyncHTTPClient's
/// Foundation stays out of the stdio client's resident size), all pinned like the rest.
enum HTTPRun {
    enum Mode: String {
        /// `application/json` replies.
        case json
        /// Each reply as a one-event `text/event-stream` (chunked).
        case sse
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
        let ours = Sibling.pairs(in: oursRun.output, startingWith: "sequential_calls_per_s")
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
