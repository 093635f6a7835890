import Foundation
import Hummingbird
import NIOCore

/// A JSON answer.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: [UInt8]

    init(_ value: some Encodable, status: HTTPResponse.Status = .ok) {
        self.status = status
        self.headers = [.contentType: "application/json"]
        self.body = (try? Array(SimulatorCodec.encoder.encode(value))) ?? Array("{}".utf8)
    }

    init(_ dictionary: [String: any Sendable], status: HTTPResponse.Status = .ok) {
        self.status = status
        self.headers = [.contentType: "application/json"]
        let object = dictionary.mapValues { $0 as Any }
        self.body = (try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))) ?? Array("{}".utf8)
    }

    var response: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
