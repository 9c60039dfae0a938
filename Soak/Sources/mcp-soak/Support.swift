import Foundation
import Synchronization

/// The command line.
struct SoakOptions {
    var seconds = 600
    var callers = 64
    var mcp = ""
    var python = ""
    var fixtures = ""

    init(_ arguments: ArraySlice<String>) throws {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { throw SoakError("\(name) needs a value") }
            switch name {
            case "--seconds": seconds = Int(value) ?? seconds
            case "--callers": callers = Int(value) ?? callers
            case "--mcp": mcp = value
            case "--python": python = value
            case "--fixtures": fixtures = value
            default: throw SoakError("unknown option \(name)")
            }
        }
        guard !mcp.isEmpty, !python.isEmpty, !fixtures.isEmpty else {
            throw SoakError("usage: mcp-soak --seconds N --mcp PATH --python PATH --fixtures DIR [--callers N]")
        }
    }
}

struct SoakError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Resident memory, open descriptors, threads and child processes of this process.
struct ResourceSample: CustomStringConvertible {
    var residentKilobytes: Int
    var descriptors: Int
    var threads: Int
    var children: Int

    static func take() -> ResourceSample {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
                return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
            }
            return 0
        }
        let descriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
        let me = getpid()
        var children = 0
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == me { children += 1 }
        }
        return ResourceSample(residentKilobytes: field("VmRSS"), descriptors: descriptors, threads: field("Threads"), children: children)
    }

    /// How many open descriptors of each kind (pipe, socket, anon_inode:[eventpoll], a path…).
    static func descriptorKinds() -> [String: Int] {
        var kinds: [String: Int] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)") else { continue }
            let kind = target.hasPrefix("/") ? "file" : String(target.prefix { $0 != "[" && $0 != ":" } + (target.hasPrefix("anon_inode:") ? ":" + target.dropFirst("anon_inode:".count) : ""))
            kinds[kind, default: 0] += 1
        }
        return kinds
    }

    var description: String {
        "rss \(residentKilobytes) kB, \(descriptors) descriptors, \(threads) threads, \(children) children"
    }
}

/// http_chaos.py, started for the soak and killed at its end (it exits by itself if we die).
final class ChaosHTTPProcess: Sendable {
    let url: String
    private let process: Mutex<Process?>

    init(python: String, script: String) throws {
        let port = Int.random(in: 20_000..<60_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-B", script, "--port", String(port)]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var collected = Data()
        while !String(decoding: collected, as: UTF8.self).contains("READY") {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { throw SoakError("http_chaos.py did not start") }
            collected.append(chunk)
        }
        let handle = stderr.fileHandleForReading
        Thread.detachNewThread { while !handle.availableData.isEmpty {} }
        url = "http://127.0.0.1:\(port)/mcp"
        self.process = Mutex(process)
    }

    /// The server's open descriptors (its sockets), or `nil` once it is gone: a server that kept
    /// connections the clients gave up on would run out of them in a long soak.
    var descriptors: Int? {
        guard let pid = process.withLock({ $0?.processIdentifier }) else { return nil }
        return (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }

    /// Kills and reaps the server; later calls do nothing.
    func kill() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        Foundation.kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
    }
}
