import Foundation

/// Pins the benchmark (and the server processes it starts, which inherit the affinity) to one CPU
/// by re-executing itself under `taskset`: where the kernel places client and server otherwise
/// changes round-trip rates several-fold on small machines.
enum Pinning {
    static let marker = "MCP_BENCH_PINNED"

    static func ensurePinned(toCPU cpu: Int) throws {
        guard ProcessInfo.processInfo.environment[marker] == nil else { return }
        guard let taskset = ["/usr/bin/taskset", "/bin/taskset"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            FileHandle.standardError.write(Data("warning: taskset not found; running unpinned\n".utf8))
            return
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        setenv(marker, "1", 1)
        var arguments = [taskset, "-c", String(cpu), executable] + CommandLine.arguments.dropFirst()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        execv(taskset, cArguments)
        arguments.removeAll()
        throw CocoaError(.executableLoad)
    }
}

enum ResourceUsage {
    /// This process's peak resident set size, in kilobytes.
    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }
}

enum Machine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        return "\(cpu), \(ProcessInfo.processInfo.processorCount) cores"
    }
}
