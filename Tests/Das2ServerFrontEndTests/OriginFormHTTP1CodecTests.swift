@testable import Das2ServerHummingbird
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

struct OriginFormHTTP1CodecTests {
    @Test(arguments: [
        "/", "/?server=list", "/das/server?server=dsdf&dataset=Examples/Random", "//host/path?x", "/a%20b?c=%2F#frag",
        "http://example.org/das?server=list", "http://example.org", "*", "example.org:443", "",
    ])
    func convertsRequestsAsSwiftNIOExtrasDoes(target: String) throws {
        var headers: HTTPHeaders = ["Host": "example.org:8080", "User-Agent": "test", "Cookie": "a=1; b=2"]
        headers.add(name: "Host", value: "second.example.org")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
        #expect(try OriginFormHTTP1Codec.request(head) == HTTPRequest(head, secure: false, splitCookie: false))
    }

    @Test func convertsEachPartBothWays() throws {
        let channel = EmbeddedChannel(handler: OriginFormHTTP1Codec())
        let head = HTTPRequestHead(version: .http1_1, method: .HEAD, uri: "/?server=id", headers: ["Host": "localhost"])
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        try channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "x")))
        try channel.writeInbound(HTTPServerRequestPart.end(["Trailer": "1"]))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .head(HTTPRequest(head, secure: false, splitCookie: false)))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .body(ByteBuffer(string: "x")))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end([HTTPField.Name("Trailer")!: "1"]))

        let response = HTTPResponse(status: .init(code: 301, reasonPhrase: "Permanently moved"), headerFields: [.location: "/x"])
        try channel.writeOutbound(HTTPResponsePart.head(response))
        try channel.writeOutbound(HTTPResponsePart.body(ByteBuffer(string: "y")))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try channel.readOutbound(as: HTTPServerResponsePart.self) == .head(HTTPResponseHead(response)))
        #expect(try channel.readOutbound(as: HTTPServerResponsePart.self) == .body(.byteBuffer(ByteBuffer(string: "y"))))
        #expect(try channel.readOutbound(as: HTTPServerResponsePart.self) == .end(nil))
        _ = try channel.finish()
    }

    @Test func aMethodHTTPTypesRefusesIsAnError() throws {
        let channel = EmbeddedChannel(handler: OriginFormHTTP1Codec())
        let head = HTTPRequestHead(version: .http1_1, method: .RAW(value: "BAD METHOD"), uri: "/", headers: [:])
        #expect(throws: (any Error).self) { try channel.writeInbound(HTTPServerRequestPart.head(head)) }
        _ = try? channel.finish()
    }
}
