extension OCOPSyncConfig {
    /// The effective config as `key = value` lines for `config check`: file paths are shown, secrets never
    /// (none are held here; credentials stay in their files).
    public var summaryLines: [String] {
        var lines = [
            "config = \(sourcePath)",
            "state_directory = \(stateDirectory)",
            "listen = \(listen)",
            "public_listen = \(publicListen.map(String.init(describing:)) ?? "(none: the public routes are on listen)")",
            "limits.connections = \(limits.connections)",
            "limits.idle_timeout = \(DurationText.format(limits.idleTimeout))",
            "limits.body_timeout = \(DurationText.format(limits.bodyTimeout))",
            "limits.requests_per_source = \(limits.requestsPerSource)",
            "limits.requests_per_platform = \(limits.requestsPerPlatform)",
            "admin_token_file = \(adminTokenFile ?? "(none)")",
            "secrets_key_file = \(secretsKeyPath())",
            "sync.interval = \(DurationText.format(syncInterval))",
            "sync.orders_interval = \(DurationText.format(ordersInterval))",
            "sync.listings_interval = \(DurationText.format(listingsInterval))",
            "sync.readback_after_timeout = \(DurationText.format(readbackAfterTimeout))",
            "sync.stop_timeout = \(DurationText.format(stopTimeout))",
            "pictures.directory = \(pictures.directory ?? "(none)")",
            "pictures.allow_private_addresses = \(pictures.allowPrivateAddresses)",
        ]
        lines += Self.policyLines(policy, prefix: "policy")
        lines.append("public_url = \(publicURL ?? "(none)")")
        for (index, app) in apps.enumerated() {
            let prefix = "apps[\(index)]"
            lines += [
                "\(prefix).platform = \(app.platform)",
                "\(prefix).base_url = \(app.baseURL)",
                "\(prefix).auth_url = \(app.authURL ?? "(base_url)")",
                "\(prefix).credentials_file = \(app.credentialsFile)",
                "\(prefix).stock_share_percent = \(app.stockSharePercent)",
            ]
            lines += Self.policyLines(app.policy, prefix: "\(prefix).policy")
        }
        for (index, account) in accounts.enumerated() {
            let prefix = "accounts[\(index)]"
            lines += [
                "\(prefix).id = \(account.id)",
                "\(prefix).platform = \(account.platform)",
                "\(prefix).base_url = \(account.baseURL)",
                "\(prefix).producers = [\(account.producers.joined(separator: ", "))]",
                "\(prefix).credentials_file = \(account.credentialsFile)",
                "\(prefix).stock_share_percent = \(account.stockSharePercent)",
            ]
            lines += Self.policyLines(account.policy, prefix: "\(prefix).policy")
        }
        return lines
    }

    private static func policyLines(_ policy: ChannelPolicy, prefix: String) -> [String] {
        let markup = policy.priceMarkupPercent
        return [
            "\(prefix).safety_stock = \(policy.safetyStock)",
            "\(prefix).zero_below = \(policy.zeroBelow)",
            "\(prefix).price_markup_percent = \(markup == markup.rounded() ? String(Int(markup)) : String(markup))",
            "\(prefix).price_rounding = \(policy.priceRounding)",
            "\(prefix).on_remote_edit = \(policy.onRemoteEdit.rawValue)",
            "\(prefix).shipping_channels = \(policy.shippingChannels.isEmpty ? "(every enabled channel)" : policy.shippingChannels.joined(separator: ", "))",
        ]
    }
}
