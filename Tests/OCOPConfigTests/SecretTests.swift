import Foundation
import Testing
@testable import OCOPConfig

@Suite struct SecretTests {
    struct Holder { var name = "shop"; var key = Secret("p4rtner-key") }

    @Test func aSecretNeverPrintsItsValue() {
        let secret = Secret("p4rtner-key")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(!"\([secret]) \(["k": secret]) \(Holder()) \(String(reflecting: Holder()))".contains("p4rtner"))
        var dumped = ""
        dump(Holder(), to: &dumped)
        #expect(!dumped.contains("p4rtner"))
        #expect(secret.value == "p4rtner-key")
    }

    @Test func aSecretFileLosesOneTrailingNewline() throws {
        #expect(try SecretSource.read(file: TestFiles.write("tok3n\n", name: "admin_token")).value == "tok3n")
        #expect(try SecretSource.read(file: TestFiles.write("tok3n\r\n", name: "admin_token")).value == "tok3n")
        #expect(try SecretSource.read(file: TestFiles.write("tok3n\n\n", name: "admin_token")).value == "tok3n\n")
        #expect(throws: SecretSource.Problem(location: "/nonexistent/t", message: "no such file")) {
            try SecretSource.read(file: "/nonexistent/t")
        }
    }

    @Test func aSecretFromTheEnvironment() throws {
        #expect(try SecretSource.read(environmentVariable: "SHOPEE_PARTNER_KEY", in: ["SHOPEE_PARTNER_KEY": "k9"]).value == "k9")
        #expect(throws: SecretSource.Problem(location: "SHOPEE_PARTNER_KEY", message: "is not set")) {
            try SecretSource.read(environmentVariable: "SHOPEE_PARTNER_KEY", in: [:])
        }
    }

    @Test func credentialsFilesAreKeyValueLines() throws {
        let path = try TestFiles.write("# Shopee shop\npartner_id=2001887\r\n\npartner_key = abc=def\n", name: "shopee-a")
        let credentials = try SecretSource.readCredentials(file: path)
        #expect(credentials.mapValues(\.value) == ["partner_id": "2001887", "partner_key": "abc=def"])
    }

    @Test func aMalformedCredentialsLineGivesFileAndLineButNotTheValue() throws {
        let path = try TestFiles.write("partner_id=1\n# note\nhunter2-secret\n", name: "shopee-b")
        #expect(throws: SecretSource.Problem(location: "\(path):3", message: "expected key=value")) {
            try SecretSource.readCredentials(file: path)
        }
        let twice = try TestFiles.write("k=1\nk=2\n", name: "shopee-c")
        #expect(throws: SecretSource.Problem(location: "\(twice):2", message: "k is given twice")) {
            try SecretSource.readCredentials(file: twice)
        }
    }
}
