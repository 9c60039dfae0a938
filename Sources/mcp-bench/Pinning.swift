#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The benchmark avoids Foundation on purpose: it would add some 7 MB to the resident size the
// benchmark reports for this client.

/// Pins the benchmark (and the server processes it starts, which inherit the affinity) to one CPU
/// by re-executing itself under `taskset`: where the kernel places client and server otherwise
/// changes round-trip rates several-fold on small machines.
enum Pinning {
    static let marker = "MCP_BENCH_PINNED"

    struct PinningFailed: Error, CustomStringConvertible {
        var description: String
    }

    static func ensurePinned(toCPU cpu: Int) throws {
        guard getenv(marker) == nil else { return }
        let candidates: [String] = ["/usr/bin/taskset", "/bin/taskset"]
        guard let taskset = candidates.first(where: { access($0, X_OK) == 0 }) else {
            let warning = Array("warning: taskset not found; running unpinned\n".utf8)
            _ = warning.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            return
        }
        setenv(marker, "1", 1)
        Malloc.fixThreshold()
        // Resolved here: in taskset, /proc/self/exe would name taskset.
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        let executable = length > 0 ? String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let arguments = [taskset, "-c", String(cpu), executable] + CommandLine.arguments.dropFirst()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        execv(taskset, cArguments)
        throw PinningFailed(description: "could not run \(taskset): errno \(errno)")
    }
}

/// glibc's malloc keeps a freed large message resident: after the first large free it raises its
/// mmap threshold to that size, so the next one is served from an arena, and an arena is trimmed
/// only when twice that much is free at its top. A second 10 MB read then meets the first one's
/// 10 MB still resident. A fixed threshold (which turns the adjustment off) makes large blocks
/// mmap'd and returned on free, as they are the first time; the benchmark runs with one and also
/// reports the peak under glibc's defaults (``ResourceUsage/defaultMallocPeak(benchDirectory:readSize:repeats:)``).
enum Malloc {
    static let tunable = "glibc.malloc.mmap_threshold=1048576"

    /// Sets the threshold for the re-executed benchmark, unless the user set tunables.
    static func fixThreshold() {
        guard getenv("GLIBC_TUNABLES") == nil else { return }
        setenv("GLIBC_TUNABLES", tunable, 1)
    }

    /// The malloc settings in effect, for the report.
    static var settings: String {
        getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? "glibc defaults"
    }
}

enum ResourceUsage {
    /// This process's peak resident set size, in kilobytes.
    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }

    /// The peak resident size, in kilobytes, of this client doing the large reads alone under
    /// glibc's default malloc settings (a child `mcp-bench --profile read`); `nil` if that fails.
    static func defaultMallocPeak(benchDirectory: String, readSize: Int, repeats: Int) -> Int? {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        let executable = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let tunables = getenv("GLIBC_TUNABLES").map { String(cString: $0) }
        unsetenv("GLIBC_TUNABLES")
        defer { if let tunables { setenv("GLIBC_TUNABLES", tunables, 1) } }
        let run = try? Command.run(executable, [
            "--profile", "read", "--read-size", String(readSize), "--repeats", String(repeats), "--bench-directory", benchDirectory,
        ])
        guard let run, run.status == 0,
            let line = run.output.split(separator: "\n").last(where: { $0.hasPrefix("peak RSS ") })
        else { return nil }
        return Int(line.dropFirst("peak RSS ".count).prefix(while: \.isNumber))
    }
}

enum Machine {
    static func describe() -> String {
        let cpu = Files.read("/proc/cpuinfo")
            .flatMap { $0.split(separator: "\n").first { $0.hasPrefix("model name") } }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { String($0.drop(while: { $0 == " " || $0 == "\t" })) } ?? "unknown CPU"
        return "\(cpu), \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores"
    }
}

/// The few file-system operations the benchmark needs, on POSIX calls.
enum Files {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static var temporaryDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    }

    /// `path` with `.` and `..` components resolved lexically.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", !parts.isEmpty, parts.last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
