import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark's other executables (`mcp-bench-stdio`, `mcp-bench-http`): each measures this
/// client in a process that links only what such a client links, so the resident size it
/// reports is the client's own.
enum Sibling {
    /// The executable `name` beside this one, built now (`swift build` with this executable's
    /// configuration, in the package it was built from) if it is missing; `nil` if that fails.
    static func executable(named name: String) -> String? {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        let executable = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = executable.lastIndex(of: "/") else { return nil }
        let folder = String(executable[..<slash])
        let candidate = folder + "/" + name
        if Files.exists(candidate) { return candidate }
        // Sources/mcp-bench/HTTPRun.swift → the package root.
        let packageRoot = Files.normalized(String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex)) + "/../..")
        guard Files.exists(packageRoot + "/Package.swift") else { return nil }
        let configuration = folder.hasSuffix("/debug") ? "debug" : "release"
        let note = Array("building \(name) (\(configuration))…\n".utf8)
        _ = note.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        let build = try? Command.run("/usr/bin/env", ["swift", "build", "-c", configuration, "--product", name, "--package-path", packageRoot])
        guard let build, build.status == 0, Files.exists(candidate) else {
            let warning = Array("warning: could not build \(name):\n\(build?.output ?? "")\n".utf8)
            _ = warning.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            return nil
        }
        return candidate
    }

    /// The figures of the `name value name value …` line a sibling prints last, the one that
    /// starts with `firstKey`.
    static func pairs(in output: String, startingWith firstKey: String) -> [String: Double] {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(firstKey) }) else { return [:] }
        let words = line.split(separator: " ")
        var result: [String: Double] = [:]
        var index = 0
        while index + 1 < words.count {
            result[String(words[index])] = Double(words[index + 1])
            index += 2
        }
        return result
    }
}
