import Foundation
import MCPCore
import Testing

/// `mcp tools call` with servers that run calls as tasks, and `mcp tasks`, against FastMCP 4.1.2's
/// tasks extension over stdio.
@Suite("mcp and tasks")
struct TasksCommandTests {
    static func fastMCP() throws -> [String] {
        let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON_FASTMCP"]
            ?? CommandRunner.packageRoot.appendingPathComponent(".test-env/venv-fastmcp/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw RunnerError("the FastMCP venv is missing: run scripts/provision-python")
        }
        return ["--", path, "-B", CommandRunner.fixture("python-fastmcp/tasks_server.py")]
    }

    @Test("tools call waits for a task and prints its result, reporting its states on stderr")
    func callFollowsTask() async throws {
        let result = try await CommandRunner.run(["tools", "call", "slow_add", "a=20", "b=22", "delay=0.3"] + Self.fastMCP())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("42"))
        #expect(result.stderr.contains("task working"))
        #expect(result.stderr.contains("task completed"))
    }

    @Test("tools call --detach prints the task and returns at once; tasks list says the extension has no listing")
    func detach() async throws {
        let detached = try await CommandRunner.run(["tools", "call", "slow_add", "a=1", "b=2", "delay=2", "--detach", "--json"] + Self.fastMCP())
        #expect(detached.status == 0, "\(detached.stderr)")
        let task = try #require(detached.json)
        #expect(task["taskId"]?.stringValue?.isEmpty == false)
        #expect(task["status"] == "working")
        #expect(task["pollIntervalMs"] == 100)

        let listing = try await CommandRunner.run(["tasks", "list"] + Self.fastMCP())
        #expect(listing.status == 4)
        #expect(listing.stderr.contains("does not list its tasks"))
    }
}
