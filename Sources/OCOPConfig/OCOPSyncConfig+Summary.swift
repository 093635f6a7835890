extension OCOPSyncConfig {
    /// The effective config as `key = value` lines; file paths are shown, secrets never are (none are held here).
    public var summaryLines: [String] {
        var lines = [
            "config = \(sourcePath)",
            "state_directory = \(stateDirectory)",
            "listen = \(listen)",
            "admin_token_file = \(adminTokenFile ?? "(none)")",
            "sync.interval = \(Self.format(syncInterval))",
        ]
        lines += Self.policyLines(policy, prefix: "policy")
        for (index, account) in accounts.enumerated() {
            let prefix = "accounts[\(index)]"
            lines += [
                "\(prefix).id = \(account.id)", "\(prefix).platform = \(account.platform)", "\(prefix).base_url = \(account.baseURL)",
                "\(prefix).producers = \(account.producers.joined(separator: ", "))",
                "\(prefix).credentials_file = \(account.credentialsFile)",
                "\(prefix).stock_share_percent = \(account.stockSharePercent)",
            ]
            lines += Self.policyLines(account.policy, prefix: "\(prefix).policy")
        }
        return lines
    }

    private static func policyLines(_ policy: ChannelPolicy, prefix: String) -> [String] {
        ["\(prefix).safety_stock = \(policy.safetyStock)", "\(prefix).price_markup_percent = \(policy.priceMarkupPercent)",
         "\(prefix).price_rounding = \(policy.priceRounding)", "\(prefix).on_remote_edit = \(policy.onRemoteEdit.rawValue)"]
    }

    private static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}
