import Foundation
import MCPClient
import MCPCore

/// Answers the server's sampling requests with a user-configured command: the request's JSON on
/// its stdin, and on its stdout either a CreateMessageResult as JSON or plain text (taken as the
/// assistant's reply).
enum Sampling {
    static func run(command: String, request: CreateMessageRequestParams) async throws -> CreateMessageResult {
        let input = try JSONValue(encoding: request).jsonBytes()
        let output: Data = try await withCheckedThrowingContinuation { continuation in
            // Threads of their own for the command's run: `DispatchQueue.global()` shares its
            // threads with Swift's cooperative pool on Linux (about one per core), which the
            // connection needs meanwhile.
            Thread.detachNewThread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    // The command is the user's own configuration, so a shell is appropriate here.
                    process.arguments = ["-c", command]
                    let stdin = Pipe()
                    let stdout = Pipe()
                    process.standardInput = stdin
                    process.standardOutput = stdout
                    try process.run()
                    // Written on its own thread while stdout is read, so a large request cannot
                    // deadlock against a command that writes before reading; a command that never
                    // reads its stdin (`echo …`) makes the write fail with EPIPE, which is fine.
                    let writer = stdin.fileHandleForWriting
                    let written = DispatchGroup()
                    written.enter()
                    Thread.detachNewThread {
                        try? writer.write(contentsOf: input)
                        try? writer.close()
                        written.leave()
                    }
                    let data = stdout.fileHandleForReading.readDataToEndOfFile()
                    written.wait()
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else {
                        throw MCPError.internalError("the sampling command exited with status \(process.terminationStatus)")
                    }
                    continuation.resume(returning: data)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        if let json = try? JSONValue(parsing: Array(output)), case .object = json, let result = try? json.decode(CreateMessageResult.self) {
            return result
        }
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return CreateMessageResult(role: .assistant, content: .single(.text(TextContent(text: text))), model: "sampling-command")
    }
}
