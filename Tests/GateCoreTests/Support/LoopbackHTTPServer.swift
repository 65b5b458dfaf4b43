import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reply the loopback server sends for one request.
struct ScriptedResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
    /// Seconds to wait before answering.
    var delay: Double
    /// Sends no Content-Length: the body ends when the connection closes.
    var omitsContentLength = false

    init(status: Int = 200, headers: [String: String] = [:], body: String, delay: Double = 0, omitsContentLength: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.omitsContentLength = omitsContentLength
    }
}

/// A request the loopback server received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    /// The body parsed as a JSON object.
    var json: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
    }
}

/// A small real HTTP/1.1 server on 127.0.0.1 (random port, its own threads) that answers each
/// request with the next scripted response and records what it received.
final class LoopbackHTTPServer: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [ScriptedResponse]
    private var received: [RecordedRequest] = []
    private var sent = 0
    private var stopped = false
    private let listener: Int32
    let port: UInt16

    init(_ script: [ScriptedResponse]) throws {
        self.script = script
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>`
    var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Every request received so far, in order.
    var requests: [RecordedRequest] {
        lock.withLock { received }
    }

    /// Bytes of responses (headers included) the kernel accepted for sending, over all connections.
    var bytesSent: Int {
        lock.withLock { sent }
    }

    /// Stops accepting connections.
    func stop() {
        lock.withLock { stopped = true }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while !lock.withLock({ stopped }) {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            guard let chunk = receive(connection) else { return }
            buffer += chunk
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        guard let headerEnd else { return }
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ").map(String.init)
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            transmit(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body = Array(buffer[(headerEnd + 4)...])
        let expected = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < expected, let chunk = receive(connection) {
            body += chunk
        }
        let response: ScriptedResponse = lock.withLock {
            received.append(RecordedRequest(
                method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "",
                headers: headers, body: Data(body)))
            return script.isEmpty ? ScriptedResponse(status: 500, body: #"{"error":"no scripted response left"}"#) : script.removeFirst()
        }
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let payload = Array(response.body.utf8)
        var text = "HTTP/1.1 \(response.status) Scripted\r\n" + (response.omitsContentLength ? "" : "Content-Length: \(payload.count)\r\n") + "Connection: close\r\n"
        if response.headers.keys.contains(where: { $0.lowercased() == "content-type" }) == false {
            text += "Content-Type: application/json\r\n"
        }
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        transmit(connection, Array((text + "\r\n").utf8) + payload)
    }

    private func receive(_ connection: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, 65536, 0) }
        return count > 0 ? Array(chunk[..<count]) : nil
    }

    private func transmit(_ connection: Int32, _ bytes: [UInt8]) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(connection, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if sent <= 0 { return }
            offset += sent
            lock.withLock { self.sent += sent }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
