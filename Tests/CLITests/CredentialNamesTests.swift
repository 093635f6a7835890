import Foundation
import Testing

/// Credentials files use each platform's own names for its app keys (Shopee's partner id and key, Lazada's app key
/// and secret), or the generic client_id and client_secret; `config check` names the platform's key a file lacks,
/// for accounts and for the apps that connect shops.
@Suite struct CredentialNamesTests {
    @Test func configCheckTakesThePlatformsOwnNamesAndNamesTheKeyAFileLacks() throws {
        let workspace = try CatalogCommandTests.Workspace()
        let shop = try workspace.write("shopee.credentials", "partner_id=2001887\npartner_key=k\nshop_id=801234567\nrefresh_token=r\n")
        let generic = try workspace.write("shopee-generic.credentials", "client_id=2001887\nclient_secret=k\nshop_id=801234567\nrefresh_token=r\n")
        let lacking = try workspace.write("shopee-lacking.credentials", "partner_id=2001887\nshop_id=801234567\nrefresh_token=r\n")
        let app = try workspace.write("app-lazada", "app_key=120773\napp_secret=s\n")
        let appLacking = try workspace.write("app-lazada-lacking", "app_key=120773\n")
        func config(_ name: String, shopFile: String, appFile: String) throws -> String {
            try workspace.write(name, """
                state_directory: \(workspace.state)
                public_url: https://ocop.example.vn
                apps:
                  - platform: lazada
                    base_url: https://api.lazada.vn/rest
                    credentials_file: \(appFile)
                accounts:
                  - id: shopee-qn
                    platform: shopee
                    base_url: https://partner.shopeemobile.com
                    producers: ["*"]
                    credentials_file: \(shopFile)

                """)
        }
        for file in [shop, generic] {
            let checked = try workspace.run("config", "check", "--config", try config("ok.yaml", shopFile: file, appFile: app))
            #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        }
        let refused = try workspace.run("config", "check", "--config", try config("lacking.yaml", shopFile: lacking, appFile: appLacking))
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("accounts[0].credentials_file: \(lacking) lacks partner_key (shopee needs partner_id, partner_key, shop_id, refresh_token)"),
                "\(refused.stdout)")
        #expect(refused.stdout.contains("apps[0].credentials_file: \(appLacking) lacks app_secret (lazada needs app_key, app_secret)"), "\(refused.stdout)")
    }
}
