public import MCPCore

extension ClientSession {
    /// Settles the protocol as ``Configuration/protocolMode`` says: the `server/discover` probe
    /// with fallback to the `initialize` handshake (automatic), the handshake only (legacy), or
    /// one version (pinned). ``Client`` calls this when it connects.
    ///
    /// The automatic mode follows the specification's era detection: a `DiscoverResult` naming a
    /// stateless version this client speaks, or a recognized modern error (`-32022` naming one),
    /// identifies a stateless server; anything else (another JSON-RPC error, an HTTP 4xx without
    /// a modern error, no answer within ``Configuration/discoveryTimeout``) identifies a
    /// handshake-era server. Failures that say nothing about the server (a connection that
    /// cannot be made) are thrown as they are.
    ///
    /// - Returns: The era settled on.
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/unsupportedProtocolVersion``
    ///   if the server speaks only versions this client does not; the server's or transport's
    ///   error otherwise.
    @discardableResult
    public func negotiate() async throws -> Era {
        switch configuration.protocolMode {
        case .legacy:
            try await initialize()
        case .pinned(let version) where version.isModern:
            try await discover(at: version, allowingOtherVersions: false)
        case .pinned(let version):
            try await initialize(offering: version, exactly: true)
        case .automatic:
            try await detect()
        }
        return era
    }

    /// Asks the server what it supports (`server/discover`, 2026-07-28) at `version` and switches
    /// to the stateless protocol at the newest version both speak.
    ///
    /// - Parameter allowingOtherVersions: Whether a `-32022` answer may move the session to
    ///   another stateless version the server names.
    @discardableResult
    public func discover(at version: ProtocolVersion = .latest, allowingOtherVersions: Bool = true) async throws -> DiscoverResult {
        var version = version
        var retried = false
        while true {
            do {
                let result = try await probe(at: version, timeout: configuration.requestTimeout)
                guard let agreed = Self.newestModern(in: result.supportedVersions, preferring: version, only: !allowingOtherVersions) else {
                    throw ClientError(
                        .unsupportedProtocolVersion,
                        "the server supports \(result.supportedVersions.map(\.rawValue).joined(separator: ", ")), "
                            + (allowingOtherVersions ? "none of which this client speaks statelessly" : "not the pinned \(version)"),
                        method: DiscoverRequestParams.method
                    )
                }
                useStatelessProtocol(agreed, discovered: result)
                rememberEra(agreed)
                return result
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion && allowingOtherVersions && !retried {
                guard let mutual = Self.mutualModernVersion(in: error) else { throw Self.noCommonVersion(error) }
                version = mutual
                retried = true
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion && !retried
                && (try? error.data?.decode(UnsupportedProtocolVersionErrorData.self))?.supported.contains(version) == true
            {
                // A pinned version the server lists after all (it refused something else about
                // the first request): once more at the same version.
                retried = true
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion {
                throw Self.noCommonVersion(error)
            }
        }
    }

    // MARK: Detection

    private func detect() async throws {
        let identity = transport.serverIdentity
        if let identity, let known = configuration.eraCache?.verdict(for: identity) {
            if known.isModern {
                do {
                    try await discover(at: known.version)
                    return
                } catch let error where Self.isLegacyEvidence(error) {
                    // The server changed: forget and detect afresh.
                    configuration.eraCache?.forget(identity)
                }
            } else {
                do {
                    let result = try await initialize(offering: configuration.protocolVersion.isModern ? .latestLegacy : configuration.protocolVersion, exactly: false)
                    rememberEra(result.protocolVersion)
                    return
                } catch let error as MCPError where error.code == .unsupportedProtocolVersion {
                    configuration.eraCache?.forget(identity)
                }
            }
        }
        try await probeThenFallBack()
    }

    /// The probe at the newest stateless version (once more at a version a `-32022` names), then
    /// the handshake if the server turned out to be of the handshake era.
    private func probeThenFallBack() async throws {
        var version = ProtocolVersion.latest
        var probeTimeout = transport.answersEveryRequest ? configuration.requestTimeout : configuration.discoveryTimeout
        for attempt in 0..<2 {
            do {
                let result = try await probe(at: version, timeout: probeTimeout)
                if let agreed = Self.newestModern(in: result.supportedVersions, preferring: version, only: false) {
                    useStatelessProtocol(agreed, discovered: result)
                    rememberEra(agreed)
                    return
                }
                // A server that answers discover but offers only handshake versions is advertising
                // the handshake era.
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion {
                if let mutual = Self.mutualModernVersion(in: error), attempt == 0 {
                    version = mutual
                    continue
                }
                let supported = (try? error.data?.decode(UnsupportedProtocolVersionErrorData.self))?.supported
                if let supported, !supported.contains(where: { ProtocolVersion.legacyVersions.contains($0) }) {
                    throw Self.noCommonVersion(error)
                }
            } catch let error where Self.isLegacyEvidence(error) {
                // Fall through to the handshake.
            }
            do {
                let result = try await initialize(offering: configuration.protocolVersion.isModern ? .latestLegacy : configuration.protocolVersion, exactly: false)
                rememberEra(result.protocolVersion)
                return
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion && attempt == 0 {
                // A probe that timed out here but reached a slow server may have settled the
                // server on the stateless protocol: the handshake's -32022 names its versions.
                guard let mutual = Self.mutualModernVersion(in: error) else { throw error }
                version = mutual
            } catch let error as MCPError where attempt == 0 && Self.refusesHandshake(error) {
                // A server that answers but refuses the handshake as a stateless server would
                // (initialize unknown, or lacking the per-request metadata) was only slow to
                // answer the probe: probe again and give it the full request timeout.
                probeTimeout = configuration.requestTimeout
            }
        }
        throw ClientError(.unsupportedProtocolVersion, "the server's protocol era could not be settled", method: DiscoverRequestParams.method)
    }

    /// One `server/discover`, stamped at `version`, never cancelled at the server on timeout (a
    /// handshake-era server would not know the request).
    private func probe(at version: ProtocolVersion, timeout: Duration?) async throws -> DiscoverResult {
        var options = RequestOptions.default
        options.timeout = timeout.map { .after($0) } ?? .never
        let result = try await sendRequest(
            method: DiscoverRequestParams.method,
            params: [:],
            options: options,
            notifiesPeerOnCancel: false,
            stampedAt: version
        )
        return try Self.decodeResult(DiscoverResult.self, from: result, method: DiscoverRequestParams.method)
    }

    /// Whether a failed probe says the server is of the handshake era: any JSON-RPC error but the
    /// modern ones, an undecodable answer, an HTTP 4xx without a modern error, or silence.
    static func isLegacyEvidence(_ error: any Error) -> Bool {
        switch error {
        case let error as MCPError:
            return ![.unsupportedProtocolVersion, .missingRequiredClientCapability, .headerMismatch].contains(error.code)
        case let error as ClientError:
            if error.code == .timedOut || error.code == .invalidResponse { return true }
            // A request the transport could not deliver: the HTTP refusal is underneath.
            return error.underlyingError.map(isLegacyEvidence) ?? false
        case let error as TransportError:
            return error.code == .httpStatus && (400..<500).contains(error.statusCode ?? 0)
        default:
            return false
        }
    }

    /// Whether an error answering `initialize` is how a stateless-only server refuses the
    /// handshake: the method is gone in 2026-07-28, or the request lacks the metadata every
    /// stateless request must carry.
    static func refusesHandshake(_ error: MCPError) -> Bool {
        [.methodNotFound, .invalidParams, .headerMismatch, .missingRequiredClientCapability].contains(error.code)
    }

    private func rememberEra(_ version: ProtocolVersion) {
        guard let identity = transport.serverIdentity else { return }
        configuration.eraCache?.record(EraCache.Verdict(version: version), for: identity)
    }

    /// The newest stateless version this client speaks among `offered` (only `preferred` when
    /// `only`).
    static func newestModern(in offered: [ProtocolVersion], preferring preferred: ProtocolVersion, only: Bool) -> ProtocolVersion? {
        if only { return offered.contains(preferred) ? preferred : nil }
        return ProtocolVersion.supported.filter { $0.isModern && offered.contains($0) }.max()
    }

    static func noCommonVersion(_ error: MCPError) -> ClientError {
        let supported = (try? error.data?.decode(UnsupportedProtocolVersionErrorData.self))?.supported.map(\.rawValue) ?? []
        return ClientError(
            .unsupportedProtocolVersion,
            "the server speaks only \(supported.isEmpty ? "versions it did not name" : supported.joined(separator: ", ")); "
                + "this client speaks \(ProtocolVersion.supported.map(\.rawValue).joined(separator: ", "))",
            method: DiscoverRequestParams.method,
            underlyingError: error
        )
    }
}
