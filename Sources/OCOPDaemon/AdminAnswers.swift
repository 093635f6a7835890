/// What the admin API answers, as typed values (encoded with sorted keys).
enum AdminAnswer {
    /// `GET /readyz`.
    struct Ready: Encodable {
        var ready = true
        var accounts: Int
        var accountsNotStarted: Int

        enum CodingKeys: String, CodingKey { case ready, accounts, accountsNotStarted = "accounts_not_started" }
    }

    /// `POST /api/v1/sync` taken.
    struct Started: Encodable {
        var started = true
    }

    /// Why a request was refused.
    struct Problem: Encodable {
        var error: String
    }
}
