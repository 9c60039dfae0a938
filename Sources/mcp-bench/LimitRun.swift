import ArgumentParser
import Foundation

/// Where the reference C programs are, built.
struct BenchSources {
    var directory: URL

    static func locate(_ explicit: String?) throws -> BenchSources {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let shared = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"] { candidates.append(shared + "/bench") }
        candidates.append(FileManager.default.currentDirectoryPath + "/../shared/bench")
        // Relative to the source tree this executable was built from.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/bench").path)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/limit.c") {
            return BenchSources(directory: URL(fileURLWithPath: candidate).standardizedFileURL)
        }
        throw ValidationError("limit.c and fakesrv.c not found; pass --bench-directory or set MCP_SHARED_DIR (tried \(candidates))")
    }

    /// Compiles fakesrv and limit with the system C compiler (`cc -O2`).
    static func build(_ sources: BenchSources) throws -> (fakesrv: String, limit: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-bench-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        func compile(_ name: String) throws -> String {
            let binary = output.appendingPathComponent(name).path
            let result = try Command.run("/usr/bin/env", ["cc", "-O2", "-o", binary, sources.directory.appendingPathComponent("\(name).c").path])
            guard result.status == 0 else { throw ValidationError("cc failed for \(name).c:\n\(result.stderr)") }
            return binary
        }
        return (try compile("fakesrv"), try compile("limit"))
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
        guard main.status == 0 else { throw ValidationError("limit failed:\n\(main.stdout)\(main.stderr)") }
        var figures = try parse(main.stdout)
        // Connect is a single short measurement per run: take the median of several runs.
        var connects = [figures.connectMilliseconds]
        for _ in 1..<max(repeats, 1) {
            let run = try Command.run(limit, [server, "10", "2", "1024", "1"])
            if run.status == 0, let value = try? parse(run.stdout).connectMilliseconds { connects.append(value) }
        }
        figures.connectMilliseconds = connects.sorted()[connects.count / 2]
        return figures
    }

    static func parse(_ output: String) throws -> LimitFigures {
        func number(after prefix: String, before suffix: String) throws -> Double {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
                throw ValidationError("limit output lacks \"\(prefix)\":\n\(output)")
            }
            guard let end = line.range(of: suffix) else { throw ValidationError("cannot parse \(line)") }
            let head = line[..<end.lowerBound].split(separator: " ").last ?? ""
            guard let value = Double(head) else { throw ValidationError("cannot parse \(line)") }
            return value
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

/// Runs a command to completion and captures its output.
enum Command {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}
