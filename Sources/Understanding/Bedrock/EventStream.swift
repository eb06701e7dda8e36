/// One message of the `application/vnd.amazon.eventstream` framing.
public struct EventStreamMessage: Sendable, Hashable {
    public enum HeaderValue: Sendable, Hashable {
        case bool(Bool), byte(Int8), short(Int16), int(Int32), long(Int64)
        case bytes([UInt8]), string(String), timestamp(Int64), uuid([UInt8])
    }

    public var headers: [String: HeaderValue]
    public var payload: [UInt8]

    public init(headers: [String: HeaderValue], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    public func string(_ name: String) -> String? {
        if case .string(let value)? = headers[name] { return value }
        return nil
    }
}

/// Why a frame was refused.
public enum EventStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    case preludeChecksum
    case messageChecksum
    case invalidLength(Int)
    case invalidHeader(String)

    public var description: String {
        switch self {
        case .preludeChecksum: "event stream: prelude CRC mismatch"
        case .messageChecksum: "event stream: message CRC mismatch"
        case .invalidLength(let length): "event stream: invalid frame length \(length)"
        case .invalidHeader(let reason): "event stream: invalid header (\(reason))"
        }
    }
}

/// Encodes and decodes event-stream frames:
/// `total length (u32) | headers length (u32) | prelude CRC32 | headers | payload | message CRC32`,
/// big-endian, CRC-32 (IEEE) over the bytes before each checksum.
public enum EventStreamCodec {
    /// Frames above this are refused (AWS caps messages at 16 MiB).
    public static let maxFrameLength = 16 << 20

    public static func encode(_ message: EventStreamMessage) -> [UInt8] {
        var headers: [UInt8] = []
        for name in message.headers.keys.sorted() {
            guard let value = message.headers[name] else { continue }
            let nameBytes = Array(name.utf8.prefix(255))
            headers.append(UInt8(nameBytes.count))
            headers += nameBytes
            switch value {
            case .bool(let flag): headers.append(flag ? 0 : 1)
            case .byte(let v): headers.append(2); headers.append(UInt8(bitPattern: v))
            case .short(let v): headers.append(3); append(UInt64(UInt16(bitPattern: v)), bytes: 2, to: &headers)
            case .int(let v): headers.append(4); append(UInt64(UInt32(bitPattern: v)), bytes: 4, to: &headers)
            case .long(let v): headers.append(5); append(UInt64(bitPattern: v), bytes: 8, to: &headers)
            case .bytes(let v):
                headers.append(6); append(UInt64(v.count), bytes: 2, to: &headers); headers += v
            case .string(let v):
                let bytes = Array(v.utf8)
                headers.append(7); append(UInt64(bytes.count), bytes: 2, to: &headers); headers += bytes
            case .timestamp(let v): headers.append(8); append(UInt64(bitPattern: v), bytes: 8, to: &headers)
            case .uuid(let v): headers.append(9); headers += v.prefix(16)
            }
        }
        let total = 12 + headers.count + message.payload.count + 4
        var frame: [UInt8] = []
        frame.reserveCapacity(total)
        append(UInt64(total), bytes: 4, to: &frame)
        append(UInt64(headers.count), bytes: 4, to: &frame)
        append(UInt64(CRC32.checksum(frame)), bytes: 4, to: &frame)
        frame += headers
        frame += message.payload
        append(UInt64(CRC32.checksum(frame)), bytes: 4, to: &frame)
        return frame
    }

    /// Decodes one complete frame.
    public static func decode(_ frame: ArraySlice<UInt8>) throws(EventStreamError) -> EventStreamMessage {
        let bytes = Array(frame)
        guard bytes.count >= 16 else { throw .invalidLength(bytes.count) }
        let total = Int(read(bytes, 0, 4))
        let headersLength = Int(read(bytes, 4, 4))
        guard total == bytes.count, headersLength <= total - 16 else { throw .invalidLength(total) }
        guard CRC32.checksum(bytes[0..<8]) == UInt32(read(bytes, 8, 4)) else { throw .preludeChecksum }
        guard CRC32.checksum(bytes[0..<(total - 4)]) == UInt32(read(bytes, total - 4, 4)) else { throw .messageChecksum }
        var headers: [String: EventStreamMessage.HeaderValue] = [:]
        var position = 12
        let end = 12 + headersLength
        func need(_ count: Int) throws(EventStreamError) {
            guard position + count <= end else { throw .invalidHeader("runs past the header block") }
        }
        while position < end {
            try need(1)
            let nameLength = Int(bytes[position])
            position += 1
            try need(nameLength + 1)
            let name = String(decoding: bytes[position..<(position + nameLength)], as: UTF8.self)
            position += nameLength
            let type = bytes[position]
            position += 1
            let value: EventStreamMessage.HeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2: try need(1); value = .byte(Int8(bitPattern: bytes[position])); position += 1
            case 3: try need(2); value = .short(Int16(bitPattern: UInt16(read(bytes, position, 2)))); position += 2
            case 4: try need(4); value = .int(Int32(bitPattern: UInt32(read(bytes, position, 4)))); position += 4
            case 5: try need(8); value = .long(Int64(bitPattern: read(bytes, position, 8))); position += 8
            case 6, 7:
                try need(2)
                let length = Int(read(bytes, position, 2))
                position += 2
                try need(length)
                let slice = Array(bytes[position..<(position + length)])
                value = type == 6 ? .bytes(slice) : .string(String(decoding: slice, as: UTF8.self))
                position += length
            case 8: try need(8); value = .timestamp(Int64(bitPattern: read(bytes, position, 8))); position += 8
            case 9: try need(16); value = .uuid(Array(bytes[position..<(position + 16)])); position += 16
            default: throw .invalidHeader("unknown type \(type)")
            }
            headers[name] = value
        }
        return EventStreamMessage(headers: headers, payload: Array(bytes[end..<(total - 4)]))
    }

    private static func read(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + count) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    private static func append(_ value: UInt64, bytes count: Int, to out: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}

/// Splits a byte stream into frames as they complete.
public struct EventStreamDecoder: Sendable {
    private var buffer: [UInt8] = []

    public init() {}

    /// Bytes still waiting for the rest of their frame.
    public var bufferedByteCount: Int { buffer.count }

    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(EventStreamError) -> [EventStreamMessage] {
        buffer.append(contentsOf: bytes)
        var messages: [EventStreamMessage] = []
        while buffer.count >= 12 {
            let total = Int(buffer[0]) << 24 | Int(buffer[1]) << 16 | Int(buffer[2]) << 8 | Int(buffer[3])
            guard total >= 16, total <= EventStreamCodec.maxFrameLength else { throw .invalidLength(total) }
            // Check the prelude before waiting for a frame whose length may be garbage.
            let prelude = UInt32(buffer[8]) << 24 | UInt32(buffer[9]) << 16 | UInt32(buffer[10]) << 8 | UInt32(buffer[11])
            guard CRC32.checksum(buffer[0..<8]) == prelude else { throw .preludeChecksum }
            guard buffer.count >= total else { break }
            messages.append(try EventStreamCodec.decode(buffer[0..<total]))
            buffer.removeFirst(total)
        }
        return messages
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as event-stream frames use.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
