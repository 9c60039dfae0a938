import ArgumentParser
import Foundation
import MCPAuth
import MCPCore

/// `mcp auth login|logout|status`: OAuth authorization with HTTP servers, kept between runs.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Authorize with OAuth-protected HTTP servers.",
        discussion: "Tokens are stored (0600) under ~/.config/mcp/auth and reused by later commands.",
        subcommands: [Login.self, Logout.self, Status.self]
    )

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Authorize now, through the browser, and store the tokens.")

        @Option(name: .customLong("url"), help: "The server's Streamable HTTP (or HTTP+SSE) URL.")
        var url: String

        @OptionGroup var authorization: AuthorizationOptions

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        func run() async throws {
            let authorizer = try CLIAuthorization.authorizer(url: url, options: authorization, interactive: true)
            let record: AuthorizationRecord
            do {
                record = try await authorizer.login()
            } catch {
                throw CLIAuthorization.failure(in: error) ?? CLIError.classify(error)
            }
            if json {
                print(AuthCommand.summary(record).jsonString())
            } else {
                print("Authorized with \(record.issuer) for \(record.server)\(record.requestedScopes.isEmpty ? "" : " (scopes: \(record.requestedScopes.joined(separator: " ")))").")
            }
        }
    }

    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a server's tokens and client registrations (or every server's, with --all).")

        @Option(name: .customLong("url"), help: "The server's URL.")
        var url: String?

        @Flag(help: "Forget every server.")
        var all = false

        @Option(name: .customLong("token-store"), help: "The directory of stored tokens (default: ~/.config/mcp/auth).")
        var tokenStore: String?

        func validate() throws {
            guard (url == nil) != !all else { throw ValidationError("give --url URL or --all") }
        }

        func run() async throws {
            var options = AuthorizationOptions()
            options.tokenStore = tokenStore
            let store = CLIAuthorization.store(options)
            let servers = all ? Set(await store.allRecords().map(\.server)).sorted() : [try AuthCommand.server(url!)]
            for server in servers { try await store.remove(server: server, issuer: nil) }
            print(servers.isEmpty ? "Nothing was stored." : "Forgot \(servers.joined(separator: ", ")).")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what is stored: servers, authorization servers, clients, scopes and expiry (never the tokens).")

        @Option(name: .customLong("url"), help: "Only this server.")
        var url: String?

        @Option(name: .customLong("token-store"), help: "The directory of stored tokens (default: ~/.config/mcp/auth).")
        var tokenStore: String?

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        func run() async throws {
            var options = AuthorizationOptions()
            options.tokenStore = tokenStore
            let store = CLIAuthorization.store(options)
            let records = if let url { await store.records(server: try AuthCommand.server(url)) } else { await store.allRecords() }
            if json {
                print(JSONValue.array(records.map(AuthCommand.summary)).jsonString())
                return
            }
            if records.isEmpty {
                print(url.map { "Not authorized with \($0)." } ?? "No server is authorized.")
                return
            }
            for record in records {
                let tokens = record.tokens
                let expiry = tokens?.expiresAt.map { $0 < Date() ? "expired" : "expires \($0)" } ?? (tokens == nil ? "no token" : "no expiry given")
                print("\(record.server)\n  authorization server: \(record.issuer)\n  client: \(record.client?.clientID ?? "none")"
                    + "\n  scopes: \(record.requestedScopes.isEmpty ? "(server default)" : record.requestedScopes.joined(separator: " "))"
                    + "\n  access token: \(expiry)\(tokens?.refreshToken != nil ? ", refreshable" : "")")
            }
        }
    }

    /// The canonical form stores are keyed by.
    static func server(_ url: String) throws -> String {
        do {
            return try OAuthAuthorizer(serverURL: url).server
        } catch let error as AuthorizationError {
            throw CLIError.usage(error.message)
        }
    }

    /// What `status --json` and `login --json` show of a record: never a token or secret.
    static func summary(_ record: AuthorizationRecord) -> JSONValue {
        var object: JSONObject = [
            "server": .string(record.server),
            "issuer": .string(record.issuer),
            "scopes": .array(record.requestedScopes.map(JSONValue.string)),
            "hasAccessToken": .bool(record.tokens != nil),
            "refreshable": .bool(record.tokens?.refreshToken != nil),
        ]
        if let client = record.client {
            object["clientID"] = .string(client.clientID)
            object["registration"] = .string(client.source.rawValue)
        }
        if let expiresAt = record.tokens?.expiresAt { object["expiresAt"] = .int(Int(expiresAt.timeIntervalSince1970)) }
        return .object(object)
    }
}
