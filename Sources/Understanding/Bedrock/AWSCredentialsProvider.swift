import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Finds AWS credentials the way AWS SDKs do, in order: environment variables
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), the shared credentials
/// file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`, profile `AWS_PROFILE` or
/// `default`), then the ECS container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// on 169.254.170.2, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` with an optional
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`). Temporary credentials are cached until five minutes
/// before they expire.
public actor AWSCredentialsProvider {
    private let environment: [String: String]
    private let client: HTTPClient
    /// How long the container endpoint may take to answer: it is on the task's own link, so
    /// seconds mean it is not there.
    private let endpointTimeout: TimeAmount
    private var cached: AWSCredentials?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, client: HTTPClient = .shared,
                endpointTimeout: TimeAmount = .seconds(2)) {
        self.environment = environment
        self.client = client
        self.endpointTimeout = endpointTimeout
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, cached.expiration.map({ $0.timeIntervalSinceNow > 300 }) ?? true { return cached }
        let found = try await resolve()
        cached = found
        return found
    }

    private func resolve() async throws -> AWSCredentials {
        if let key = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
        }
        if let fromFile = try sharedFileCredentials() { return fromFile }
        if let url = containerEndpoint() { return try await containerCredentials(url) }
        throw ModelError.credentials(reason:
            "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a shared credentials file, or run with ECS container credentials")
    }

    private func value(_ name: String) -> String? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    // MARK: Shared credentials file

    private func sharedFileCredentials() throws -> AWSCredentials? {
        let path: String
        if let explicit = value("AWS_SHARED_CREDENTIALS_FILE") {
            path = explicit
        } else if let home = value("HOME") {
            path = home + "/.aws/credentials"
        } else {
            return nil
        }
        guard FileManager.default.fileExists(atPath: path) else {
            if value("AWS_SHARED_CREDENTIALS_FILE") != nil {
                throw ModelError.credentials(reason: "AWS_SHARED_CREDENTIALS_FILE \(path) does not exist")
            }
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ModelError.credentials(reason: "cannot read the shared credentials file \(path)")
        }
        let profile = value("AWS_PROFILE") ?? "default"
        guard let section = Self.parseINI(text)[profile] else { return nil }
        guard let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else {
            throw ModelError.credentials(reason: "profile [\(profile)] in \(path) lacks aws_access_key_id or aws_secret_access_key")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    /// `[profile]` sections of `key = value` lines; `#` and `;` start comments.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                var name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("profile ") { name = String(name.dropFirst(8)).trimmingCharacters(in: .whitespaces) }
                current = name
                sections[name, default: [:]] = sections[name, default: [:]]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key] = value
        }
        return sections
    }

    // MARK: ECS container credentials

    private func containerEndpoint() -> String? {
        if let relative = value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") { return "http://169.254.170.2" + relative }
        return value("AWS_CONTAINER_CREDENTIALS_FULL_URI")
    }

    private struct ContainerAnswer: Decodable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var Token: String?
        var Expiration: String?
    }

    private func containerCredentials(_ url: String) async throws -> AWSCredentials {
        var request = HTTPClientRequest(url: url)
        if let token = value("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            request.headers.add(name: "Authorization", value: token)
        }
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: endpointTimeout)
            guard response.status.code == 200 else {
                throw ModelError.credentials(reason: "container credentials endpoint answered HTTP \(response.status.code)")
            }
            body = try await response.body.collect(upTo: 64 * 1024)
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.credentials(reason: "container credentials endpoint unreachable: \(error)")
        }
        guard let answer = try? JSONDecoder().decode(ContainerAnswer.self, from: Data(body.readableBytesView)) else {
            throw ModelError.credentials(reason: "container credentials endpoint answered with unexpected JSON")
        }
        let expiration = answer.Expiration.flatMap { try? Date($0, strategy: .iso8601) }
        return AWSCredentials(accessKeyID: answer.AccessKeyId, secretAccessKey: answer.SecretAccessKey,
                              sessionToken: answer.Token, expiration: expiration)
    }
}
