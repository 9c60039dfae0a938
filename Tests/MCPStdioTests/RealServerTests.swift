#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
@testable import MCPStdio
import Testing

/// What `get_current_time` returns (and each side of `convert_time`).
private struct TimeResult: Decodable, Equatable {
    var timezone: String
    var datetime: String
    var day_of_week: String
    var is_dst: Bool
}

private struct TimeConversion: Decodable {
    var source: TimeResult
    var target: TimeResult
    var time_difference: String
}

/// An ISO 8601 date-time with offset, "2026-11-23T14:05:09+05:30", taken apart.
private struct ISODateTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// The UTC offset in minutes.
    var offset: Int

    init(_ text: String) throws {
        let characters = Array(text)
        func number(_ start: Int, _ count: Int) throws -> Int {
            guard start + count <= characters.count, let value = Int(String(characters[start..<start + count])) else {
                throw TestFailure("not an ISO date-time: \(text)")
            }
            return value
        }
        guard characters.count == 25, characters[10] == "T", characters[19] == "+" || characters[19] == "-" else {
            throw TestFailure("not an ISO date-time with offset: \(text)")
        }
        year = try number(0, 4)
        month = try number(5, 2)
        day = try number(8, 2)
        hour = try number(11, 2)
        minute = try number(14, 2)
        second = try number(17, 2)
        offset = (try number(20, 2) * 60 + (try number(23, 2))) * (characters[19] == "-" ? -1 : 1)
    }

    /// Seconds since the epoch.
    var epochSeconds: Int {
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
    }
}

/// Servers we did not write, from PyPI, started from the test venv. Serialized for the same
/// reason as `LegacyServerTests`.
@Suite("Real servers: mcp-server-time and mcp-server-git", .serialized)
struct RealServerTests {
    private static func timeServer() throws -> StdioServerParameters {
        StdioServerParameters(command: try Paths.venvExecutable("mcp-server-time"), arguments: ["--local-timezone", "Europe/Paris"], stderr: .discard)
    }

    @Test func timeServerListsItsTools() async throws {
        try await withStdioClient(try Self.timeServer()) { client, _ in
            #expect(client.serverInfo?.name == "mcp-time")
            #expect(client.protocolVersion == .latestLegacy)
            let tools = try await client.listAllTools()
            #expect(tools.map(\.name).sorted() == ["convert_time", "get_current_time"])
            let current = try #require(tools.first { $0.name == "get_current_time" })
            #expect(current.inputSchema["required"] == ["timezone"])
            #expect(current.annotations?.readOnlyHint == true)
            #expect(current.outputSchema != nil)
            // The local timezone given on the command line is named in the description.
            let description = current.inputSchema["properties"]?["timezone"]?["description"]?.stringValue ?? ""
            #expect(description.contains("Europe/Paris"), "\(description)")
            let convert = try #require(tools.first { $0.name == "convert_time" })
            #expect(Set(convert.inputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["source_timezone", "time", "target_timezone"])
        }
    }

    @Test func getCurrentTimeAgreesWithOurClock() async throws {
        try await withStdioClient(try Self.timeServer()) { client, _ in
            let before = Int(time(nil))
            let utc = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"], as: TimeResult.self)
            let tokyo = try await client.callTool("get_current_time", arguments: ["timezone": "Asia/Tokyo"], as: TimeResult.self)
            let after = Int(time(nil))
            #expect(utc.timezone == "UTC")
            #expect(!utc.is_dst)
            let utcTime = try ISODateTime(utc.datetime)
            #expect(utcTime.offset == 0)
            #expect(utcTime.epochSeconds >= before - 1 && utcTime.epochSeconds <= after + 1, "\(utc.datetime) vs \(before)…\(after)")
            #expect(tokyo.timezone == "Asia/Tokyo")
            #expect(!tokyo.is_dst)
            let tokyoTime = try ISODateTime(tokyo.datetime)
            #expect(tokyoTime.offset == 9 * 60)
            #expect(abs(tokyoTime.epochSeconds - utcTime.epochSeconds) <= 2)
            let weekdays = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
            #expect(tokyo.day_of_week == weekdays[((tokyoTime.epochSeconds + tokyoTime.offset * 60) / 86_400) % 7])
            // The same result arrives as JSON text for clients that ignore structured content.
            let raw = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"])
            #expect(raw.content.count == 1)
            #expect(try JSONValue(parsing: raw.text)["timezone"] == "UTC")
        }
    }

    @Test func convertTimeIsConsistentWithTheOffsets() async throws {
        try await withStdioClient(try Self.timeServer()) { client, _ in
            let conversion = try await client.callTool(
                "convert_time",
                arguments: ["source_timezone": "Europe/London", "time": "12:30", "target_timezone": "Asia/Kolkata"],
                as: TimeConversion.self
            )
            let source = try ISODateTime(conversion.source.datetime)
            let target = try ISODateTime(conversion.target.datetime)
            #expect(conversion.source.timezone == "Europe/London")
            #expect(conversion.target.timezone == "Asia/Kolkata")
            #expect((source.hour, source.minute) == (12, 30))
            #expect(source.offset == 0 || source.offset == 60, "London is UTC or UTC+1")
            #expect(source.offset == (conversion.source.is_dst ? 60 : 0))
            #expect(target.offset == 330, "Kolkata is UTC+5:30")
            #expect(target.epochSeconds == source.epochSeconds, "the same instant")
            #expect(target.hour * 60 + target.minute == (12 * 60 + 30 + target.offset - source.offset) % 1440)
            #expect(conversion.time_difference == (source.offset == 0 ? "+5.5h" : "+4.5h"))

            let whole = try await client.callTool(
                "convert_time",
                arguments: ["source_timezone": "UTC", "time": "23:15", "target_timezone": "Asia/Tokyo"],
                as: TimeConversion.self
            )
            #expect(whole.time_difference == "+9.0h")
            let next = try ISODateTime(whole.target.datetime)
            #expect((next.hour, next.minute) == (8, 15))
            #expect(whole.target.day_of_week != whole.source.day_of_week, "23:15 UTC is the next day in Tokyo")
        }
    }

    @Test func timeServerReportsBadInputAsToolErrorsAndUnknownToolsAsProtocolErrors() async throws {
        try await withStdioClient(try Self.timeServer()) { client, _ in
            let bad = try await client.callTool("get_current_time", arguments: ["timezone": "Mars/Olympus_Mons"])
            #expect(bad.isError == true)
            #expect(bad.text.contains("Invalid timezone"), "\(bad.text)")
            let badTime = try await client.callTool(
                "convert_time",
                arguments: ["source_timezone": "UTC", "time": "25:99", "target_timezone": "UTC"]
            )
            #expect(badTime.isError == true)
            #expect(badTime.text.contains("Invalid time format"), "\(badTime.text)")
            let unknown = await #expect(throws: MCPError.self) { try await client.callTool("get_weather") }
            #expect(unknown?.code == .invalidParams)
            #expect(unknown?.message.contains("get_weather") == true)
        }
    }

    // MARK: mcp-server-git

    @Test func gitServerWorksOnATemporaryRepository() async throws {
        let root = try Files.makeTemporaryDirectory("mcp-git")
        defer { Files.removeTree(root) }
        let repository = root + "/repo"
        // A git that reads no configuration of this machine.
        let gitEnvironment = [
            "HOME": root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "MCP Test",
            "GIT_AUTHOR_EMAIL": "mcp-test@example.com",
            "GIT_COMMITTER_NAME": "MCP Test",
            "GIT_COMMITTER_EMAIL": "mcp-test@example.com",
        ]
        let initialized = try await runCommand("git", ["init", "--initial-branch=main", repository], environment: gitEnvironment)
        #expect(initialized.status == .exited(0), "git init: \(initialized.stderr)")
        try Files.write("hello\n", to: repository + "/README.md")

        let parameters = StdioServerParameters(
            command: try Paths.venvExecutable("mcp-server-git"),
            arguments: ["--repository", repository],
            environment: gitEnvironment,
            stderr: .discard
        )
        try await withStdioClient(parameters) { client, _ in
            func call(_ tool: String, _ arguments: JSONObject = [:]) async throws -> CallToolResult {
                var arguments = arguments
                arguments["repo_path"] = .string(repository)
                return try await client.callTool(tool, arguments: arguments)
            }
            func text(_ tool: String, _ arguments: JSONObject = [:]) async throws -> String {
                let result = try await call(tool, arguments)
                guard result.isError != true else { throw TestFailure("\(tool) failed: \(result.text)") }
                return result.text
            }
            #expect(client.serverInfo?.name == "mcp-git")
            let tools = Set(try await client.listAllTools().map(\.name))
            #expect(tools.isSuperset(of: ["git_status", "git_add", "git_commit", "git_log", "git_diff", "git_diff_staged", "git_diff_unstaged", "git_show", "git_create_branch", "git_checkout", "git_branch", "git_reset"]))

            let status = try await text("git_status")
            #expect(status.contains("No commits yet"), "\(status)")
            #expect(status.contains("Untracked files") && status.contains("README.md"), "\(status)")

            #expect(try await text("git_add", ["files": ["README.md"]]) == "Files staged successfully")
            let staged = try await text("git_diff_staged")
            #expect(staged.contains("+hello") && staged.contains("README.md"), "\(staged)")
            let firstCommit = try await text("git_commit", ["message": "Initial commit"])
            let firstHash = try #require(firstCommit.split(separator: " ").last.map(String.init), "\(firstCommit)")
            #expect(firstCommit.hasPrefix("Changes committed successfully with hash "))
            #expect(firstHash.count == 40 && firstHash.allSatisfy(\.isHexDigit), "\(firstHash)")

            // Nothing staged: the tool reports it as a tool error.
            let empty = try await call("git_commit", ["message": "nothing"])
            #expect(empty.isError == true)
            #expect(empty.text.contains("No changes staged"), "\(empty.text)")

            try Files.write("hello\nworld\n", to: repository + "/README.md")
            let unstaged = try await text("git_diff_unstaged")
            #expect(unstaged.contains("+world") && !unstaged.contains("+hello"), "\(unstaged)")
            _ = try await text("git_add", ["files": ["README.md"]])
            let secondCommit = try await text("git_commit", ["message": "Add world"])
            let secondHash = try #require(secondCommit.split(separator: " ").last.map(String.init))
            #expect(secondHash != firstHash)
            #expect(try await text("git_status").contains("nothing to commit, working tree clean"))

            let log = try await text("git_log", ["max_count": 10])
            let firstAt = try #require(log.firstRange(of: "Commit: \(firstHash)"), "\(log)")
            let secondAt = try #require(log.firstRange(of: "Commit: \(secondHash)"), "\(log)")
            #expect(secondAt.lowerBound < firstAt.lowerBound, "newest first")
            #expect(log.contains("Message: Initial commit") && log.contains("Message: Add world"), "\(log)")
            #expect(log.contains("Author: MCP Test"), "\(log)")
            let limited = try await text("git_log", ["max_count": 1])
            #expect(limited.contains(secondHash) && !limited.contains(firstHash))

            let diff = try await text("git_diff", ["target": .string(firstHash)])
            #expect(diff.hasPrefix("Diff with \(firstHash):"))
            #expect(diff.contains("+world"), "\(diff)")
            let show = try await text("git_show", ["revision": .string(secondHash)])
            #expect(show.hasPrefix("commit \(secondHash)\nAuthor: MCP Test <mcp-test@example.com>\n"), "\(show)")
            #expect(show.contains("    Add world") && show.contains("+world"), "\(show)")
            #expect(try await text("git_show", ["revision": .string("\(firstHash):README.md")]) == "hello\n")

            #expect(try await text("git_create_branch", ["branch_name": "feature"]) == "Created branch 'feature' from 'main'")
            #expect(try await text("git_checkout", ["branch_name": "feature"]) == "Switched to branch 'feature'")
            let branches = try await text("git_branch", ["branch_type": "local"])
            #expect(branches.contains("* feature") && branches.contains("main"), "\(branches)")

            try Files.write("staged then reset\n", to: repository + "/NOTES.md")
            _ = try await text("git_add", ["files": ["NOTES.md"]])
            #expect(try await text("git_reset") == "All staged changes reset")
            #expect(try await text("git_diff_staged") == "Staged changes:\n")

            // Confinement and bad revisions are tool errors, not crashes.
            let outside = try await client.callTool("git_status", arguments: ["repo_path": .string(root)])
            #expect(outside.isError == true)
            #expect(outside.text.contains("outside the allowed repository"), "\(outside.text)")
            let missing = try await call("git_show", ["revision": "no-such-revision"])
            #expect(missing.isError == true)
        }
        // The commits are really in the repository on disk.
        let listed = try await runCommand("git", ["-C", repository, "cat-file", "-e", "HEAD~1"], environment: gitEnvironment)
        #expect(listed.status == .exited(0), "\(listed.stderr)")
    }
}
