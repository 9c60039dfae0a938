import MCPCore
@testable import MCPStdio
import Testing

@Suite("StdioServerParameters")
struct StdioServerParametersTests {
    static let current = [
        "HOME": "/home/ada",
        "LOGNAME": "ada",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "SHELL": "/bin/zsh",
        "TERM": "xterm-256color",
        "USER": "ada",
        "AWS_SECRET_ACCESS_KEY": "do-not-leak",
        "OPENAI_API_KEY": "sk-do-not-leak",
        "LANG": "en_GB.UTF-8",
    ]

    @Test func theDefaultEnvironmentIsMinimal() {
        let parameters = StdioServerParameters(command: "server")
        let environment = parameters.resolvedEnvironment(from: Self.current)
        #expect(environment == [
            "HOME": "/home/ada",
            "LOGNAME": "ada",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "SHELL": "/bin/zsh",
            "TERM": "xterm-256color",
            "USER": "ada",
        ])
        #expect(StdioServerParameters.defaultEnvironmentKeys == ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"])
    }

    @Test func exportedShellFunctionsAreSkipped() {
        var current = Self.current
        current["SHELL"] = "() { :; }; echo pwned"
        current["TERM"] = "()"
        current["USER"] = " () not a function"
        let environment = StdioServerParameters(command: "server").resolvedEnvironment(from: current)
        #expect(environment["SHELL"] == nil)
        #expect(environment["TERM"] == nil)
        #expect(environment["USER"] == " () not a function", "only values that start with () are functions")
        #expect(environment["HOME"] == "/home/ada")
    }

    @Test func missingDefaultVariablesAreLeftOut() {
        let environment = StdioServerParameters(command: "server").resolvedEnvironment(from: ["PATH": "/bin"])
        #expect(environment == ["PATH": "/bin"])
    }

    @Test func givenVariablesAreAddedAndOverride() {
        let parameters = StdioServerParameters(
            command: "server",
            environment: ["API_TOKEN": "given", "PATH": "/opt/server/bin", "EMPTY": ""]
        )
        let environment = parameters.resolvedEnvironment(from: Self.current)
        #expect(environment["API_TOKEN"] == "given")
        #expect(environment["PATH"] == "/opt/server/bin")
        #expect(environment["EMPTY"] == "")
        #expect(environment["AWS_SECRET_ACCESS_KEY"] == nil)
        #expect(environment["OPENAI_API_KEY"] == nil)
        #expect(environment["LANG"] == nil)
        #expect(environment.count == 8)
    }

    @Test func givenVariablesMayAlsoBeShellFunctionsOnPurpose() {
        let parameters = StdioServerParameters(command: "server", environment: ["SHELL": "() { :; }"])
        #expect(parameters.resolvedEnvironment(from: Self.current)["SHELL"] == "() { :; }")
    }

    @Test func inheritingPassesEverythingThenAppliesTheGivenVariables() {
        var current = Self.current
        current["BASH_FUNC_x%%"] = "() { :; }"
        let parameters = StdioServerParameters(command: "server", environment: ["LANG": "C"], inheritsEnvironment: true)
        let environment = parameters.resolvedEnvironment(from: current)
        var expected = current
        expected["LANG"] = "C"
        #expect(environment == expected)
    }

    @Test func defaults() {
        let parameters = StdioServerParameters(command: "uvx", arguments: ["mcp-server-time"])
        #expect(parameters.command == "uvx")
        #expect(parameters.arguments == ["mcp-server-time"])
        #expect(parameters.environment.isEmpty)
        #expect(!parameters.inheritsEnvironment)
        #expect(parameters.workingDirectory == nil)
        guard case .passThrough = parameters.stderr else {
            Issue.record("stderr defaults to \(parameters.stderr), not passThrough")
            return
        }
        #expect(parameters.stderrTailLineCount == 20)
        #expect(parameters.maximumMessageSize == 256 << 20)
        #expect(parameters.stdinCloseGracePeriod == .seconds(2))
        #expect(parameters.terminateGracePeriod == .seconds(2))
        let transport = StdioTransport(command: "server", arguments: ["a"], environment: ["K": "V"])
        #expect(transport.parameters.command == "server")
        #expect(transport.parameters.arguments == ["a"])
        #expect(transport.parameters.environment == ["K": "V"])
        #expect(transport.processID == nil)
        #expect(transport.exitStatus == nil)
        #expect(transport.recentStderr.isEmpty)
    }

    @Test func theProcessEnvironmentIsRead() {
        let environment = ProcessEnvironment.current
        #expect(environment["PATH"] != nil, "PATH is set in any test run")
        #expect(environment.keys.allSatisfy { !$0.contains("=") })
    }

    @Test func exitStatusDescriptions() {
        #expect(MCPStdio.ExitStatus.exited(0).isSuccess)
        #expect(!MCPStdio.ExitStatus.exited(1).isSuccess)
        #expect(!MCPStdio.ExitStatus.signaled(9).isSuccess)
        #expect(MCPStdio.ExitStatus.exited(3).description == "exited with status 3")
        #expect(MCPStdio.ExitStatus.signaled(9).description == "was killed by signal 9 (SIGKILL)")
        #expect(MCPStdio.ExitStatus.signaled(11).description == "was killed by signal 11 (SIGSEGV)")
        #expect(MCPStdio.ExitStatus.signaled(64).description == "was killed by signal 64")
        // Raw wait statuses: exit code in the second byte, signal in the low bits.
        #expect(MCPStdio.ExitStatus(waitStatus: 3 << 8) == .exited(3))
        #expect(MCPStdio.ExitStatus(waitStatus: 15) == .signaled(15))
    }

    @Test func executablesAreResolvedInTheServersPath() throws {
        let shell = ServerProcess.resolveExecutable("sh", environment: ["PATH": "/nonexistent:/usr/bin:/bin"])
        let resolved = try #require(shell)
        #expect(resolved.hasSuffix("/sh"))
        #expect(ServerProcess.resolveExecutable("sh", environment: ["PATH": "/nonexistent"]) == nil)
        #expect(ServerProcess.resolveExecutable("./relative/server", environment: [:]) == "./relative/server")
        // A directory of the right name is not an executable.
        #expect(ServerProcess.resolveExecutable("bin", environment: ["PATH": "/usr:/"]) == nil)
    }
}
