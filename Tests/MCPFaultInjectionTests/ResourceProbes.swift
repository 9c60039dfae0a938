#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads this process's and its children's kernel resources from /proc, to prove that a fault
/// leaves no descriptor or process behind.
///
/// The checks are precise rather than global (the other suites of the test process open and
/// close descriptors in parallel): a stdio server's pipes are identified by their inodes, an
/// HTTP server's connections by its port.
enum ResourceProbe {
    /// What each open descriptor of this process refers to (`pipe:[123]`, `socket:[456]`, a path).
    static func descriptorTargets(of pid: String = "self") -> [String] {
        guard let directory = opendir("/proc/\(pid)/fd") else { return [] }
        defer { closedir(directory) }
        var targets: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            if let target = readLink("/proc/\(pid)/fd/\(name)") { targets.append(target) }
        }
        return targets
    }

    /// How many descriptors this process has open.
    static func descriptorCount() -> Int { descriptorTargets().count }

    /// The pipes a process's standard streams are (`pipe:[inode]`).
    static func standardPipes(of pid: Int32) -> Set<String> {
        Set((0...2).compactMap { readLink("/proc/\(pid)/fd/\($0)") }.filter { $0.hasPrefix("pipe:") })
    }

    /// This process's descriptors on any of `pipes`.
    static func descriptors(on pipes: Set<String>) -> [String] {
        descriptorTargets().filter { pipes.contains($0) }
    }

    /// This process's TCP sockets connected to 127.0.0.1:`port`.
    static func connections(toPort port: Int) -> Int {
        let ours = Set(descriptorTargets().compactMap { target -> String? in
            guard target.hasPrefix("socket:["), target.hasSuffix("]") else { return nil }
            return String(target.dropFirst("socket:[".count).dropLast())
        })
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = readText(table) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, let remotePort = fields[2].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { continue }
                if remotePort == port, ours.contains(String(fields[9])) { count += 1 }
            }
        }
        return count
    }

    /// The state letter of a process (`R`, `S`, `Z`…), or `nil` once it is gone.
    static func state(of pid: Int32) -> Character? {
        guard let text = readText("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ").first?.first
    }

    /// Whether `pid` is a child of this process not yet reaped (a zombie, or still running).
    static func isUnreapedChild(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return !(result == -1 && errno == ECHILD)
    }

    /// This process's resident set size in kilobytes.
    static func residentKilobytes() -> Int {
        guard let text = readText("/proc/self/status") else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
        }
        return 0
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
