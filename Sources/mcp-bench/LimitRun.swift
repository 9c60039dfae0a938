import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the reference C programs are, built.
struct BenchSources {
    var directory: String

    static func locate(_ explicit: String?) throws -> BenchSources {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let shared = getenv("MCP_SHARED_DIR") { candidates.append(String(cString: shared) + "/bench") }
        candidates.append(Files.currentDirectory + "/../shared/bench")
        // Relative to the source tree this executable was built from.
        let sourceFolder = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))
        candidates.append(sourceFolder + "/../../../shared/bench")
        for candidate in candidates where Files.exists(candidate + "/limit.c") {
            return BenchSources(directory: Files.normalized(candidate))
        }
        throw ValidationError("limit.c and fakesrv.c not found; pass --bench-directory or set MCP_SHARED_DIR (tried \(candidates))")
    }

    /// Compiles fakesrv, limit, fakehttp and limit_http with the system C compiler (`cc -O2`).
    static func build(_ sources: BenchSources) throws -> (fakesrv: String, limit: String, fakehttp: String, limitHTTP: String) {
        let output = Files.temporaryDirectory + "/mcp-bench-\(getpid())"
        mkdir(output, 0o700)
        func compile(_ name: String) throws -> String {
            let binary = output + "/" + name
            let result = try Command.run("/usr/bin/env", ["cc", "-O2", "-o", binary, sources.directory + "/\(name).c"])
            guard result.status == 0 else { throw ValidationError("cc failed for \(name).c:\n\(result.output)") }
            return binary
        }
        return (try compile("fakesrv"), try compile("limit"), try compile("fakehttp"), try compile("limit_http"))
    }
}

/// limit.c's figures.
struct LimitFigures: Codable {
    var connectMilliseconds: Double
    var sequentialCallsPerSecond: Double
    var concurrentCallsPerSecond: Double
    var readMegabytesPerSecond: Double
    var readMilliseconds: Double
}

enum LimitRun {
    static func run(limit: String, server: String, calls: Int, window: Int, readSize: Int, repeats: Int) throws -> LimitFigures {
        let main = try Command.run(limit, [server, String(calls), String(window), String(readSize), String(repeats)])
        guard main.status == 0 else { throw ValidationError("limit failed:\n\(main.output)") }
        var figures = try parse(main.output)
        // Connect is a single short measurement per run: take the median of several runs.
        var connects = [figures.connectMilliseconds]
        for _ in 1..<max(repeats, 1) {
            let run = try Command.run(limit, [server, "10", "2", "1024", "1"])
            if run.status == 0, let value = try? parse(run.output).connectMilliseconds { connects.append(value) }
        }
        figures.connectMilliseconds = connects.sorted()[connects.count / 2]
        return figures
    }

    /// The number just before `suffix` on the line of `output` that starts with `prefix`.
    static func number(in output: String, after prefix: String, before suffix: String) throws -> Double {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
            throw ValidationError("limit output lacks \"\(prefix)\":\n\(output)")
        }
        guard let end = line.firstRange(of: suffix) else { throw ValidationError("cannot parse \(line)") }
        let head = line[..<end.lowerBound].split(separator: " ").last ?? ""
        guard let value = Double(head) else { throw ValidationError("cannot parse \(line)") }
        return value
    }

    static func parse(_ output: String) throws -> LimitFigures {
        func number(after prefix: String, before suffix: String) throws -> Double {
            try Self.number(in: output, after: prefix, before: suffix)
        }
        return LimitFigures(
            connectMilliseconds: try number(after: "connect+initialize", before: " ms"),
            sequentialCallsPerSecond: try number(after: "sequential tools/call", before: " calls/s"),
            concurrentCallsPerSecond: try number(after: "pipelined tools/call", before: " calls/s"),
            readMegabytesPerSecond: try number(after: "resources/read", before: " MB/s"),
            readMilliseconds: try number(after: "resources/read", before: " ms")
        )
    }
}

/// Runs a command to completion and captures its output (stdout and stderr together).
enum Command {
    /// `posix_spawn` with the signal mask emptied and default signal actions: this runs on a
    /// concurrency thread, whose blocked signals the child would otherwise inherit (a server that
    /// then never sees its SIGTERM).
    static func spawn(
        _ pid: inout pid_t,
        _ executable: String,
        _ actions: inout posix_spawn_file_actions_t,
        _ argv: [UnsafeMutablePointer<CChar>?]
    ) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Starts `executable` with the given output descriptors (1, 2) going into a pipe; returns
    /// its process id and the pipe's reading end.
    static func spawnPiping(_ descriptors: [Int32], _ executable: String, _ arguments: [String]) throws -> (pid: pid_t, output: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ValidationError("pipe failed: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in descriptors { posix_spawn_file_actions_adddup2(&actions, fds[1], descriptor) }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = Command.spawn(&pid, executable, &actions, argv)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw ValidationError("could not run \(executable): errno \(spawned)")
        }
        return (pid, fds[0])
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let (pid, output) = try spawnPiping([1, 2], executable, arguments)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, output: String(decoding: bytes, as: UTF8.self))
    }
}
