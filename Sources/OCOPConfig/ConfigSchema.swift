/// The keys the config may hold, so a misspelt key is reported instead of silently ignored.
enum ConfigSchema {
    enum Shape {
        case scalar
        case list
        case map([String: Shape])
        case listOfMaps([String: Shape])
    }

    static let policy: [String: Shape] = [
        "safety_stock": .scalar, "zero_below": .scalar, "price_markup_percent": .scalar, "price_rounding": .scalar, "on_remote_edit": .scalar,
        "shipping_channels": .list,
    ]
    static let account: [String: Shape] = [
        "id": .scalar, "platform": .scalar, "base_url": .scalar, "producers": .list, "credentials_file": .scalar,
        "stock_share_percent": .scalar, "policy": .map(policy),
    ]
    static let app: [String: Shape] = [
        "platform": .scalar, "base_url": .scalar, "auth_url": .scalar, "credentials_file": .scalar, "stock_share_percent": .scalar,
        "policy": .map(policy),
    ]
    static let root: [String: Shape] = [
        "state_directory": .scalar, "public_url": .scalar, "apps": .listOfMaps(app), "listen": .scalar, "public_listen": .scalar, "limits": .map(["connections": .scalar, "idle_timeout": .scalar, "body_timeout": .scalar, "requests_per_source": .scalar, "requests_per_platform": .scalar]), "admin_token_file": .scalar, "secrets_key_file": .scalar, "pictures": .map(["directory": .scalar, "allow_private_addresses": .scalar]), "sync": .map(["interval": .scalar, "orders_interval": .scalar, "listings_interval": .scalar, "readback_after_timeout": .scalar, "stop_timeout": .scalar]),
        "policy": .map(policy), "accounts": .listOfMaps(account),
    ]

    /// A key that looks like it holds a secret written inline (a `…_file` key names a file instead).
    static func looksSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        if lower.hasSuffix("_file") { return false }
        return ["secret", "password", "token", "key"].contains { lower.contains($0) }
    }

    /// The variable that overrides a key: `OCOPSYNC_ACCOUNTS_0_BASE_URL` for `["accounts", "0", "base_url"]`.
    static func variable(for path: [String]) -> String {
        (["OCOPSYNC"] + path).joined(separator: "_").uppercased()
    }

    /// Every overriding variable, for a file with `listCounts` items in each list (`accounts`, `apps`).
    static func variables(listCounts: [String: Int]) -> Set<String> {
        func walk(_ keys: [String: Shape], _ path: [String]) -> [String] {
            keys.flatMap { key, shape -> [String] in
                switch shape {
                case .scalar, .list: [variable(for: path + [key])]
                case .map(let inner): walk(inner, path + [key])
                case .listOfMaps(let inner): (0..<(listCounts[key] ?? 0)).flatMap { walk(inner, path + [key, String($0)]) }
                }
            }
        }
        return Set(walk(root, []))
    }
}
