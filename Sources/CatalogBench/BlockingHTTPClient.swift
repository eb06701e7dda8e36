import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A load client as lean as `wrk`'s: one thread per simulated client, one keep-alive loopback
/// connection each, blocking `send`/`recv`, and requests encoded once. The bench's client shares
/// the machine's two cores with the server, so a heavy client (AsyncHTTPClient costs about as much
/// CPU per request as the server) would be measured as server latency.
struct BlockingHTTPClient {
    /// One connection to 127.0.0.1:`port`.
    final class Connection {
        private let socket: Int32
        private var buffer = [UInt8](repeating: 0, count: 1 << 16)

        init(port: Int) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw ClientError.system("socket", errno) }
            var noDelay: Int32 = 1
            setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(socket)
                throw ClientError.system("connect", errno)
            }
        }

        deinit { close(socket) }

        /// Sends `request` (a whole HTTP/1.1 request) and reads one response with a
        /// `Content-Length`; returns its status code.
        func exchange(_ request: [UInt8]) throws -> Int {
            var sent = 0
            while sent < request.count {
                let count = request.withUnsafeBytes { send(socket, $0.baseAddress! + sent, request.count - sent, 0) }
                guard count > 0 else { throw ClientError.system("send", errno) }
                sent += count
            }
            var received = 0, headerEnd: Int?, bodyLength = 0
            while true {
                if received == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + received, $0.count - received, 0) }
                guard count > 0 else { throw ClientError.system("recv", count == 0 ? ECONNRESET : errno) }
                received += count
                if headerEnd == nil, let end = Self.headerEnd(buffer, upTo: received) {
                    headerEnd = end
                    let header = String(decoding: buffer[0..<end], as: UTF8.self).lowercased()
                    guard let line = header.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                          let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                    else { throw ClientError.protocolError("response without Content-Length") }
                    bodyLength = length
                }
                if let headerEnd, received >= headerEnd + bodyLength {
                    guard received == headerEnd + bodyLength else { throw ClientError.protocolError("unexpected bytes") }
                    let statusLine = String(decoding: buffer[0..<min(12, headerEnd)], as: UTF8.self)
                    return Int(statusLine.dropFirst(9).prefix(3)) ?? 0
                }
            }
        }

        private static func headerEnd(_ bytes: [UInt8], upTo count: Int) -> Int? {
            guard count >= 4 else { return nil }
            for index in 3..<count where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
                return index + 1
            }
            return nil
        }
    }

    enum ClientError: Error {
        case system(String, Int32)
        case protocolError(String)
    }

    /// `POST path` with a JSON body, as bytes.
    static func post(_ path: String, port: Int, json body: [UInt8]) -> [UInt8] {
        Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            + body
    }

    /// Runs `clients` threads, each sending `requestsPerClient` requests in a closed loop (the next
    /// when the last is answered) after five to warm the connection up; returns every measured
    /// request's latency in milliseconds.
    static func run(clients: Int, requestsPerClient: Int, port: Int, requests: [[UInt8]]) throws -> [Double] {
        let results = ResultBox(count: clients)
        let group = DispatchGroup()
        for client in 0..<clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let connection = try Connection(port: port)
                    // A new connection's first answers are slow (accept, the event loop's first
                    // reads, allocations): not what is measured.
                    for index in 0..<5 { _ = try connection.exchange(requests[(client + index) % requests.count]) }
                    var latencies: [Double] = []
                    latencies.reserveCapacity(requestsPerClient)
                    for index in 0..<requestsPerClient {
                        let start = DispatchTime.now().uptimeNanoseconds
                        let status = try connection.exchange(requests[(client * 7 + index) % requests.count])
                        guard status == 200 else { throw ClientError.protocolError("status \(status)") }
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    }
                    results.set(client, .success(latencies))
                } catch {
                    results.set(client, .failure(error))
                }
            }
            thread.start()
        }
        group.wait()
        return try results.all()
    }

    /// The clients' results, each written once by its own thread.
    private final class ResultBox: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var results: [Result<[Double], any Error>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<[Double], any Error>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        func all() throws -> [Double] {
            lock.lock()
            defer { lock.unlock() }
            return try results.flatMap { try $0?.get() ?? [] }
        }
    }
}
