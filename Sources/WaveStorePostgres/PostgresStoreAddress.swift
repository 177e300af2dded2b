import Foundation
import PostgresNIO
import WavePipeline

/// Where a PostgreSQL store is: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=MODE`, as
/// libpq writes it. `postgresql://` is the same. Missing parts come from the environment as
/// libpq takes them (`PGUSER`, `PGPASSWORD`, `PGHOST`, `PGPORT`, `PGDATABASE`, `PGSSLMODE`),
/// then the defaults (the login name, no password, `localhost`, 5432, the user's name, `prefer`).
/// `host=/run/postgresql` (a folder) connects through the server's Unix socket.
public struct PostgresStoreAddress: Sendable, Hashable {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// `disable`: plain TCP. `allow` and `prefer`: TLS when the server offers it, the
        /// certificate not checked. `require`: TLS or nothing, the certificate not checked (as
        /// libpq does without a root certificate). `verify-ca`: checked against the system's
        /// roots. `verify-full`: also the host name.
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or address, or the folder of a Unix socket.
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// The address without its password, for messages.
    public var redacted: String {
        let where_ = host.hasPrefix("/") ? "/\(database)?host=\(host)" : "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        return "postgres://\(user)@\(where_)"
    }

    /// Parses a store URL.
    /// - Throws: ``RunError`` saying which part is wrong (never echoing the password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func fail(_ why: String) -> RunError { RunError("--store: \(why)", outcome: .usage) }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw fail("not a URL; write postgres://USER@HOST:PORT/DATABASE")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw fail("\(scheme):// is not a store wavelength writes; give a postgres:// URL (without --store the analyses stay in each shard folder's SQLite file)")
        }
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["sslmode", "host", "port", "user", "password", "dbname", "application_name", "connect_timeout"].contains(item.name) else {
                throw fail("the parameter \(item.name) is not understood (known: sslmode, host, port, user, password, dbname)")
            }
            query[item.name] = item.value ?? ""
        }
        user = nonEmpty(query["user"]) ?? nonEmpty(components.percentEncodedUser?.removingPercentEncoding) ?? nonEmpty(environment["PGUSER"])
            ?? nonEmpty(environment["USER"]) ?? "postgres"
        password = nonEmpty(query["password"]) ?? nonEmpty(components.percentEncodedPassword?.removingPercentEncoding) ?? nonEmpty(environment["PGPASSWORD"])
        host = nonEmpty(query["host"]) ?? nonEmpty(components.host?.removingPercentEncoding) ?? nonEmpty(environment["PGHOST"]) ?? "localhost"
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let portText = nonEmpty(query["port"]) ?? components.port.map(String.init) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else { throw fail("the port must be 1 to 65535 (got '\(portText)')") }
        self.port = port
        let path = components.percentEncodedPath.removingPercentEncoding ?? ""
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !name.contains("/") else { throw fail("the path names one database (got '\(path)')") }
        database = nonEmpty(query["dbname"]) ?? nonEmpty(name) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        let mode = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw fail("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(mode)')")
        }
        self.tls = tls
    }

    /// The connection settings of PostgresNIO.
    func configuration() throws -> PostgresConnection.Configuration {
        if host.hasPrefix("/") {
            let socket = host.hasSuffix(".s.PGSQL.\(port)") ? host : (host as NSString).appendingPathComponent(".s.PGSQL.\(port)")
            return PostgresConnection.Configuration(unixSocketPath: socket, username: user, password: password, database: database)
        }
        var client = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable:
            return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        case .allow, .prefer, .require:
            client.certificateVerification = .none
        case .verifyCA:
            client.certificateVerification = .noHostnameVerification
        case .verifyFull:
            client.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: client)
        let mode: PostgresConnection.Configuration.TLS = tls == .allow || tls == .prefer ? .prefer(context) : .require(context)
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }
}
