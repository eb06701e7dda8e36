import Foundation
import Testing
@testable import Understanding

/// The published AWS Signature Version 4 test-suite vectors (service `service`, region
/// `us-east-1`, 2015-08-30T12:36:00Z, key `AKIDEXAMPLE`).
@Suite struct SigV4Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: String = ""
        var headers: [(String, String)] = []
        var body: String = ""
        var signedHeaders: String = "host;x-amz-date"
        var signature: String
        var testDescription: String { name }
    }

    static let date = Date(timeIntervalSince1970: 1_440_938_160)
    static let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", path: "/",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", path: "/", query: "Param2=value2&Param1=value1",
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "get-vanilla-empty-query-key", method: "GET", path: "/", query: "Param1=value1",
               signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        Vector(name: "get-vanilla-query-unreserved", method: "GET", path: "/", query: "\(unreserved)=\(unreserved)",
               signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(name: "get-vanilla-utf8-query", method: "GET", path: "/", query: "ሴ=bar",
               signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(name: "get-unreserved", method: "GET", path: "/\(unreserved)",
               signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(name: "get-utf8", method: "GET", path: "/ሴ",
               signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector(name: "get-space", method: "GET", path: "/example space/",
               signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(name: "get-header-value-trim", method: "GET", path: "/",
               headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
               signedHeaders: "host;my-header1;my-header2;x-amz-date",
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "post-vanilla", method: "POST", path: "/",
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "post-vanilla-query", method: "POST", path: "/", query: "Param1=value1",
               signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(name: "post-header-key-sort", method: "POST", path: "/", headers: [("My-Header1", "value1")],
               signedHeaders: "host;my-header1;x-amz-date",
               signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(name: "post-header-value-case", method: "POST", path: "/", headers: [("My-Header1", "VALUE1")],
               signedHeaders: "host;my-header1;x-amz-date",
               signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST", path: "/",
               headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1",
               signedHeaders: "content-type;host;x-amz-date",
               signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]

    static func sign(_ vector: Vector) -> SigV4Signer.Signature {
        let headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")] + vector.headers
        // The suite's paths are given decoded; its canonical paths are encoded once.
        return signer.sign(method: vector.method, path: vector.path, query: vector.query, headers: headers,
                           payloadHash: SigV4Signer.hexSHA256(Data(vector.body.utf8)), date: date,
                           encodePathAgain: false)
    }

    @Test(arguments: vectors)
    func publishedSignature(_ vector: Vector) {
        let result = Self.sign(vector)
        #expect(result.signature == vector.signature)
        #expect(result.signedHeaders == vector.signedHeaders)
        #expect(result.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)")
    }

    @Test func getVanillaCanonicalRequestAndStringToSign() {
        let result = Self.sign(Self.vectors[0])
        #expect(result.canonicalRequest == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(result.stringToSign == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
    }

    @Test func postVanillaAndFormStringsToSign() {
        let post = Self.sign(Self.vectors[9])
        #expect(post.stringToSign.hasSuffix("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87"))
        let form = Self.sign(Self.vectors[13])
        #expect(form.canonicalRequest.contains("content-type:application/x-www-form-urlencoded\nhost:"))
        #expect(form.stringToSign.hasSuffix("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281"))
    }

    @Test func headerValueTrimCollapsesInnerSpaces() {
        let result = Self.sign(Self.vectors[8])
        #expect(result.canonicalRequest.contains("my-header1:value1\nmy-header2:\"a b c\"\n"))
        #expect(result.stringToSign.hasSuffix("a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7"))
    }

    @Test func bedrockPathsAreEncodedTwice() {
        let result = Self.signer.sign(method: "POST", path: "/model/anthropic.claude-v2%3A1/converse", query: "",
                                      headers: [("host", "h"), ("x-amz-date", "20150830T123600Z")],
                                      payloadHash: SigV4Signer.hexSHA256(Data()), date: Self.date)
        #expect(result.canonicalRequest.split(separator: "\n")[1] == "/model/anthropic.claude-v2%253A1/converse")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "topsecret")
        #expect(!"\(credentials)".contains("topsecret"))
    }
}
