import Foundation

/// JSON encoding of request bodies and decoding of reply bodies, with decode failures
/// reported as `ProviderError.malformedReply`.
enum ProviderJSON {
    static func encode<Body: Encodable>(_ body: Body) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(body)
    }

    static func decode<Reply: Decodable>(_ type: Reply.Type, from data: Data, provider: String) throws -> Reply {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            let snippet = String(decoding: data.prefix(200), as: UTF8.self)
            throw ProviderError.malformedReply(provider: provider, detail: "the body is not the expected JSON (\(snippet))")
        }
    }
}
