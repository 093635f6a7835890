import Foundation
import OCOPCatalog
import PlatformManifest

/// One simulated marketplace: its listings, orders, tokens, limits and faults.
public actor MarketplaceState {
    nonisolated public let manifest: PlatformManifest
    private var credentials: SeededState.Credentials
    /// Who can log in on the consent page, and for which shop.
    private var owners: [SeededState.Owner] = []
    /// Consent codes not yet exchanged, the shops' authorisations, and which shop each token is for.
    private var consent = ConsentBook()
    private var listings: [String: SimulatedListing] = [:] { didSet { listingsRevision &+= 1 } }
    /// Changes with every write to a listing: filtered views are kept until it moves.
    private var listingsRevision = 0
    private var views: [String: (revision: Int, ids: [String])] = [:]
    /// Listing ids sorted, kept until a listing is added or removed (pages are read far more often).
    private var idsInOrder: [String]?
    /// A shop's listing of a SKU: one per SKU in each shop.
    private var idBySKU: [ShopSKU: String] = [:]
    /// The last listing made of a SKU in any shop, for the control API (a buyer orders a SKU, not a shop's).
    private var anyIDBySKU: [String: String] = [:]
    /// The shop of each listing and order of a shop other than the seeded one (which has none here).
    private var listingShops: [String: String] = [:]
    private var orderShops: [String: String] = [:]
    /// Shops added beside the seeded one that take client credentials: client id → secret and shop.
    private var clientShops: [String: (secret: String, shop: String)] = [:]
    /// Access tokens issued on an added shop's client credentials → its shop.
    private var clientTokenShops: [String: String] = [:]
    private var orders: [String: SimulatedOrder] = [:]
    /// The category tree and attributes the platform's API publishes (seeded), empty where it publishes none.
    private(set) var categories = SimulatedCategories()
    /// The pictures uploaded to the platform, by what it named them.
    private(set) var pictures = UploadedPictures()
    /// Access token → expiry.
    private var tokens: [String: Date] = [:]
    /// Listing id → when its simulated review approves it.
    private var reviewDue: [String: Date] = [:]
    /// Refresh token → expiry.
    private var refreshTokens: [String: Date] = [:]
    /// Where ids are numbers (Shopee item ids, Lazada item ids…), new ids count up from here.
    nonisolated let numericIDBase: Int?
    /// How pushed events are signed.
    nonisolated let webhookSigner: any WebhookSigner
    private var buckets: [String: TokenBucket] = [:]
    /// The app's bucket, where the manifest sets `app_rate_limit`.
    private var appBucket: TokenBucket?
    /// Calls refused because the app, across its shops, went over `app_rate_limit`.
    private(set) public var appRateLimitViolations = 0
    private var rateLimitOverride: PlatformManifest.RateLimit?
    private(set) public var faults = SimulatorFaults()
    private var dice = SystemRandomNumberGenerator()
    private var seededDice: SeededDice?
    private var nextID = 1
    /// Added to the wall clock, so tests can let tokens expire and reviews finish.
    private var clockOffset: TimeInterval = 0
    /// Calls answered per endpoint name, for tests that count calls.
    private(set) public var callCounts: [String: Int] = [:]
    /// Calls refused because the client went over the rate limit (not the injected 429s): a well-paced
    /// client keeps this at 0.
    private(set) public var rateLimitViolations = 0
    /// Faults injected so far, by kind (`429`, `503`, `hang`, `garble`).
    private(set) public var faultsInjected: [String: Int] = [:]
    /// Where order events are pushed; `nil`: not pushed.
    private var webhookURL: String?
    /// Every event pushed or attempted, oldest first.
    private(set) public var webhookDeliveries: [WebhookDelivery] = []
    private let pushRule: PushRule
    private let queueEvent: (@Sendable (String, SimulatedOrder) -> (type: String, payload: [String: String]))?
    /// The event queues the app created (Tiki).
    private(set) var eventQueues = SimulatedEventQueues()

    public init(manifest: PlatformManifest, seed: SeededState) {
        self.manifest = manifest
        let dialect = MarketplaceDialects.dialect(for: manifest)
        self.numericIDBase = dialect.numericIDBase
        self.webhookSigner = dialect.webhookSigner(manifest)
        self.pushRule = dialect.pushRule
        self.queueEvent = dialect.queueEvent
        self.credentials = seed.credentials
        self.owners = seed.owners ?? []
        categories = SimulatedCategories(seed)
        Self.load(seed, into: &listings, &idBySKU, &anyIDBySKU, &orders, &nextID, numericIDBase: numericIDBase)
    }

    /// Records an upload's name: listings may then use it.
    func addPicture(_ name: String) { pictures.add(name) }

    /// A picture the platform holds as if it had been uploaded under `name` (for tests that write calls by hand).
    public func holdPicture(_ name: String) { pictures.add(name) }

    /// How many uploads the platform answered, and how many distinct pictures it holds.
    public var pictureUploads: (calls: Int, pictures: Int) { (pictures.uploads, pictures.names.count) }

    public var now: Date { Date().addingTimeInterval(clockOffset) }

    // MARK: Control

    /// Replaces everything with `seed`; tokens and faults are cleared.
    public func reset(to seed: SeededState) {
        credentials = seed.credentials
        owners = seed.owners ?? []
        consent = ConsentBook()
        listings = [:]
        idsInOrder = nil
        idBySKU = [:]
        anyIDBySKU = [:]
        listingShops = [:]
        orderShops = [:]
        clientShops = [:]
        clientTokenShops = [:]
        orders = [:]
        tokens = [:]
        refreshTokens = [:]
        reviewDue = [:]
        buckets = [:]
        appBucket = nil
        faults = SimulatorFaults()
        callCounts = [:]
        pictures = UploadedPictures()
        categories = SimulatedCategories(seed)
        Self.load(seed, into: &listings, &idBySKU, &anyIDBySKU, &orders, &nextID, numericIDBase: numericIDBase)
    }

    /// The seed's listings (all the seeded shop's) and orders.
    private static func load(_ seed: SeededState, into listings: inout [String: SimulatedListing], _ idBySKU: inout [ShopSKU: String],
                             _ anyIDBySKU: inout [String: String], _ orders: inout [String: SimulatedOrder], _ nextID: inout Int,
                             numericIDBase: Int?) {
        for listing in seed.listings {
            listings[listing.id] = listing
            idBySKU[ShopSKU(shop: nil, sku: listing.sku)] = listing.id
            anyIDBySKU[listing.sku] = listing.id
        }
        for order in seed.orders { orders[order.id] = order }
        nextID = seed.listings.count + seed.orders.count + 1
        if let base = numericIDBase {
            let numbers = (seed.listings.map(\.id) + seed.orders.map(\.id)).compactMap { Int($0) }.map { ($0 - base) % 500_000 }
            nextID = max(nextID, (numbers.max() ?? 0) + 1)
        }
    }

    func snapshotCredentials() -> SeededState.Credentials { credentials }

    public func snapshot() -> SeededState {
        settleReviews()
        return SeededState(platform: manifest.platform, credentials: credentials,
                           listings: listings.values.sorted { $0.id < $1.id }, orders: orders.values.sorted { $0.id < $1.id },
                           owners: owners.isEmpty ? nil : owners, categories: categories.seededTree, categoryAttributes: categories.seededAttributes,
                           brands: categories.brands)
    }

    /// Replaces the manifest's rate limit (benchmarks sync fast, then time at the platform's real pace).
    public func setRateLimit(_ limit: PlatformManifest.RateLimit) {
        rateLimitOverride = limit
        buckets = [:]
        appBucket = nil
    }

    /// The app's limit, scaled as the shops' limit was (`setRateLimit`).
    private var appRateLimit: PlatformManifest.RateLimit? {
        guard let app = manifest.appRateLimit else { return nil }
        guard let override = rateLimitOverride else { return app }
        let scale = override.requestsPerSecond / manifest.rateLimit.requestsPerSecond
        return .init(requestsPerSecond: app.requestsPerSecond * scale, burst: max(1, Int(Double(app.burst) * scale)))
    }

    public func setFaults(_ new: SimulatorFaults) {
        faults = new
        seededDice = new.seed.map { SeededDice(seed: $0) }
    }

    public func expireAllTokens() {
        for token in tokens.keys { tokens[token] = .distantPast }
    }

    public func advanceClock(seconds: TimeInterval) {
        clockOffset += seconds
        retryDuePushes()
    }

    /// The platform takes a listing down, with its message.
    public func takeDown(sku: String, reason: String) throws(SimulatorFailure) {
        guard let id = anyIDBySKU[sku] else { throw SimulatorFailure(status: 404, code: "not_found", message: "no listing with sku \(sku)") }
        listings[id]!.status = .banned
        listings[id]!.statusReason = reason
        listings[id]!.updatedAt = now
    }

    /// The seller edits a listing's price in the platform's seller centre, outside ocopsync.
    public func editPrice(sku: String, price: Int) throws(SimulatorFailure) {
        guard let id = anyIDBySKU[sku] else { throw SimulatorFailure(status: 404, code: "not_found", message: "no listing with sku \(sku)") }
        guard price > 0 else { throw SimulatorFailure(status: 400, code: "invalid_price", message: "price must be positive") }
        listings[id]!.price = price
        listings[id]!.updatedAt = now
    }

    /// Ends a pending review.
    public func review(sku: String, approve: Bool, reason: String?) throws(SimulatorFailure) {
        guard let id = anyIDBySKU[sku], listings[id]!.status == .pendingReview else {
            throw SimulatorFailure(status: 409, code: "not_pending", message: "no listing with sku \(sku) is waiting for review")
        }
        listings[id]!.status = approve ? .live : .rejected
        listings[id]!.statusReason = approve ? nil : (reason ?? "rejected by the reviewer")
        listings[id]!.updatedAt = now
    }

    /// A buyer orders from the shop that lists the first line's SKU: stock drops on this platform only.
    public func placeOrder(lines: [SimulatedOrder.Line]) throws(SimulatorFailure) -> SimulatedOrder {
        settleReviews()
        let shop = lines.first.flatMap { anyIDBySKU[$0.sku] }.flatMap { listingShops[$0] }
        for line in lines {
            guard line.quantity > 0, let id = idBySKU[ShopSKU(shop: shop, sku: line.sku)], listings[id]!.status == .live else {
                throw SimulatorFailure(status: 409, code: "not_for_sale", message: "\(line.sku) is not live on \(manifest.platform)")
            }
            guard listings[id]!.stock >= line.quantity else {
                throw SimulatorFailure(status: 409, code: "out_of_stock", message: "\(line.sku) has \(listings[id]!.stock) in stock")
            }
        }
        for line in lines {
            let id = idBySKU[ShopSKU(shop: shop, sku: line.sku)]!
            listings[id]!.stock -= line.quantity
            listings[id]!.updatedAt = now
        }
        let order = SimulatedOrder(id: makeID("O"), status: .open, lines: lines, createdAt: now, updatedAt: now)
        orders[order.id] = order
        orderShops[order.id] = shop
        push("order.created", order)
        return order
    }

    /// A buyer cancels: stock returns.
    public func cancelOrder(id: String) throws(SimulatorFailure) -> SimulatedOrder {
        guard var order = orders[id], order.status == .open else {
            throw SimulatorFailure(status: 409, code: "not_open", message: "no open order \(id)")
        }
        for line in order.lines {
            if let listingID = idBySKU[ShopSKU(shop: orderShops[id], sku: line.sku)] { listings[listingID]!.stock += line.quantity }
        }
        order.status = .cancelled
        order.updatedAt = now
        orders[id] = order
        push("order.cancelled", order)
        return order
    }

    /// The listing of a SKU as the platform shows it now, without copying the whole state.
    public func shownListing(sku: String) -> SimulatedListing? {
        settleReviews()
        return anyIDBySKU[sku].flatMap { listings[$0] }
    }

    /// Sets where order events are pushed (`nil` stops pushing).
    public func setWebhook(url: String?) { webhookURL = url }

    /// The app's redirect URL as registered in the platform's developer console, where the consent link carries none.
    public private(set) var registeredRedirect: String?

    /// Registers the app's redirect URL (`nil`: none).
    public func registerRedirect(_ url: String?) { registeredRedirect = url }

    /// Queues an order event for the app to pull where the platform does (Tiki), and sends it to the webhook URL,
    /// if one is set, without holding up the caller.
    private func push(_ event: String, _ order: SimulatedOrder) {
        if let queueEvent {
            let (type, payload) = queueEvent(event, order)
            eventQueues.route(type: type, sid: orderShops[order.id] ?? credentials.shopID ?? "", payload: payload, at: now)
        }
        guard let url = webhookURL,
              let body = webhookSigner.body(event: event, platform: manifest.platform, order: order, shopID: orderShops[order.id] ?? credentials.shopID, credentials: credentials, at: now)
        else { return }
        let headers = webhookSigner.headers(url: url, body: body, credentials: credentials, at: now)
        let delivery = WebhookDelivery(event: event, orderID: order.id, url: url, outcome: "", sentAt: now,
                                       headers: Dictionary(headers, uniquingKeysWith: { _, last in last }), body: String(decoding: body, as: UTF8.self))
        send(delivery, body: body, headers: headers)
    }

    /// Sends `delivery`'s push (`body` and `headers` as signed) without holding up the caller, and records what the
    /// receiver answered; `retries`: the attempts made before this one.
    private func send(_ delivery: WebhookDelivery, body: [UInt8], headers: [(String, String)], retries: Int = 0) {
        let rule = pushRule
        Task {
            let answer = await WebhookSender.send(body, to: delivery.url, headers: headers)
            var sent = delivery
            sent.outcome = answer.error.map { "failed: \($0)" }
                ?? "\(answer.status ?? 0)\(rule.needsEmptyBody && answer.bodyBytes > 0 ? " (body not empty)" : "")"
            sent.received = rule.received(status: answer.status, bodyBytes: answer.bodyBytes)
            self.record(sent, retries: retries)
        }
    }

    /// Keeps the delivery, schedules the platform's next attempt of one not received (`retries` made so far), and
    /// turns pushing off as the platform does when too few are received.
    private func record(_ delivery: WebhookDelivery, retries: Int = 0) {
        webhookDeliveries.append(delivery)
        if !delivery.received, retries < pushRule.retryDelays.count {
            pushRetries.append((delivery.sentAt.addingTimeInterval(pushRule.retryDelays[retries]), retries + 1, delivery))
        }
        guard let limit = pushRule.disableAbove else { return }
        let recent = webhookDeliveries.filter { delivery.sentAt.timeIntervalSince($0.sentAt) < pushRule.window }
        guard recent.count > limit else { return }
        if Double(recent.filter(\.received).count) / Double(recent.count) < pushRule.lowestSuccess {
            webhookURL = nil
        }
    }

    /// Pushes the platform sends again when due (`PushRule.retryDelays`): when, how many retries that one makes, what.
    private var pushRetries: [(due: Date, retries: Int, delivery: WebhookDelivery)] = []

    /// Sends the pushes whose retry is due by the platform's clock (checked as calls come in and as the clock moves).
    private func retryDuePushes() {
        guard !pushRetries.isEmpty else { return }
        let current = now
        let due = pushRetries.filter { $0.due <= current }
        pushRetries.removeAll { $0.due <= current }
        for (_, retries, previous) in due {
            var again = previous
            again.sentAt = current
            send(again, body: Array(previous.body.utf8), headers: previous.headers.map { ($0.key, $0.value) }, retries: retries)
        }
    }

    func createQueue(name: String) -> SimulatedEventQueues.Queue {
        eventQueues.create(name: name)
    }

    /// Subscribes an event type of `shop` (the seeded shop when `nil`) to a queue.
    func subscribe(queue: String, type: String, shop: String?) throws(SimulatorFailure) -> SimulatedEventQueues.Subscription {
        try eventQueues.subscribe(queue: queue, type: type, sid: shop ?? credentials.shopID ?? "")
    }

    func pullEvents(queue: String, ackID: String?) throws(SimulatorFailure) -> (events: [SimulatedEventQueues.Event], ackID: String) {
        try eventQueues.pull(queue: queue, ackID: ackID)
    }

    /// How many times each order's detail was asked for (Shopee's get_order_detail).
    private(set) public var orderReads: [String: Int] = [:]

    func noteOrderReads(_ ids: [String]) {
        for id in ids { orderReads[id, default: 0] += 1 }
    }

    /// Every access and refresh token issued and not spent (for tests that look for them where they must not be).
    public var issuedTokens: [String] { Array(tokens.keys) + Array(refreshTokens.keys) }

    /// Queued events not yet acknowledged by a pull.
    public var unacknowledgedEvents: Int { eventQueues.unacknowledged }

    /// Pushes the platform counts as not received (a non-2xx answer, a body where Shopee wants none, no answer).
    public var failedPushes: Int { webhookDeliveries.filter { !$0.received }.count }

    // MARK: Platform calls

    /// A new access token for valid client credentials.
    func issueToken(clientID: String, clientSecret: String, lifetime: Int? = nil) throws(SimulatorFailure) -> (token: String, expiresIn: Int) {
        callCounts["token", default: 0] += 1
        let added = clientShops[clientID].flatMap { $0.secret == clientSecret ? $0.shop : nil }
        guard added != nil || (clientID == credentials.clientID && clientSecret == credentials.clientSecret) else {
            throw SimulatorFailure(status: 401, code: "invalid_client", message: "unknown client_id or wrong client_secret")
        }
        let token = "tok-" + randomWord()
        let lifetime = lifetime ?? manifest.protocolSpec?.tokenLifetimeSeconds ?? 3600
        tokens[token] = now.addingTimeInterval(TimeInterval(lifetime))
        clientTokenShops[token] = added
        return (token, lifetime)
    }

    /// A new access token and refresh token for a shop that authorised the app, as platforms with
    /// OAuth-style shop authorisation issue them.
    func issueTokenPair(accessLifetime: Int, refreshLifetime: Int) -> TokenPair {
        let access = "tok-" + randomWord()
        let refresh = "ref-" + randomWord()
        tokens[access] = now.addingTimeInterval(TimeInterval(accessLifetime))
        refreshTokens[refresh] = now.addingTimeInterval(TimeInterval(refreshLifetime))
        return TokenPair(accessToken: access, refreshToken: refresh, expiresIn: accessLifetime, refreshExpiresIn: refreshLifetime)
    }

    /// Exchanges a refresh token (spent by the exchange) for a new pair; the seeded refresh token
    /// stands for the operator's first authorisation of the shop.
    func refreshTokenPair(_ refreshToken: String, accessLifetime: Int, refreshLifetime: Int) throws(SimulatorFailure) -> TokenPair {
        callCounts["token", default: 0] += 1
        let seeded = credentials.refreshToken.map { $0 == refreshToken } ?? false
        guard seeded || (refreshTokens[refreshToken].map { $0 > now } ?? false) else {
            throw SimulatorFailure(status: 401, code: "invalid_refresh_token", message: "the refresh token is unknown, spent or expired")
        }
        if !seeded { refreshTokens[refreshToken] = nil }
        let pair = issueTokenPair(accessLifetime: accessLifetime, refreshLifetime: refreshLifetime)
        consent.carry(from: refreshToken, to: pair)
        return pair
    }

    // MARK: Consent

    /// The owner with this login and password.
    func owner(login: String, password: String) -> SeededState.Owner? {
        owners.first { $0.login == login && $0.password == password }
    }

    /// A code for the shop of `owner`, usable once within ten minutes; the authorisation lasts `days`.
    func grantCode(for owner: SeededState.Owner, days: Int) -> String {
        let code = "code-" + randomWord()
        consent.codes[code] = ConsentBook.Grant(shopID: owner.shopID, shopName: owner.shopName, expiresAt: now.addingTimeInterval(ConsentBook.codeLifetime),
                                                days: days)
        return code
    }

    /// Spends `code` (once, within its ten minutes): the shop, a token pair for it, and its authorisation.
    func exchangeCode(_ code: String, accessLifetime: Int, refreshLifetime: Int) throws(SimulatorFailure) -> (grant: ConsentBook.Grant, pair: TokenPair) {
        callCounts["token", default: 0] += 1
        guard let grant = consent.codes.removeValue(forKey: code), grant.expiresAt > now else {
            throw SimulatorFailure(status: 400, code: "invalid_code", message: "the code is expired, used or invalid")
        }
        let pair = issueTokenPair(accessLifetime: accessLifetime, refreshLifetime: min(refreshLifetime, grant.days * 86400))
        consent.authorize(grant, pair: pair, at: now)
        return (grant, pair)
    }

    /// The shop an access token was issued for by a consent, if it was.
    func shop(ofToken token: String) -> String? { consent.tokenShops[token] }

    /// The shop's authorisation, if it consented: when, and until when.
    func authorization(of shopID: String) -> ConsentBook.Authorization? { consent.authorizations[shopID] }

    /// Every shop that consented, by id.
    func authorizations() -> [ConsentBook.Authorization] { consent.authorizations.values.sorted { $0.shopID < $1.shopID } }

    /// The name of a shop the simulator knows.
    func shopName(_ shopID: String) -> String? { owners.first { $0.shopID == shopID }?.shopName }

    // MARK: Shops

    /// Another shop on the platform, with an owner who can log in on the consent page: it starts empty,
    /// and a token from its consent sees its listings and orders only.
    public func addShop(owner: SeededState.Owner) {
        owners.removeAll { $0.login == owner.login }
        owners.append(owner)
    }

    /// Another shop that calls with client credentials of its own (as a Sendo shop's key and secret):
    /// tokens issued on them see its listings and orders only.
    public func addShop(id shopID: String, clientID: String, clientSecret: String) {
        clientShops[clientID] = (clientSecret, shopID)
    }

    /// The shop a token acts for; `nil`: the seeded shop.
    private func shop(acting token: String) -> String? {
        if let consented = consent.tokenShops[token] { return consented == credentials.shopID ? nil : consented }
        return clientTokenShops[token]
    }

    /// Whether the listing or order is the shop's.
    private func inShop(listing id: String, _ shop: String?) -> Bool { listingShops[id] == shop }

    /// Checks the bearer token, the rate limit and the injected faults before a platform call.
    func admit(authorization: String?, endpoint: String) throws(SimulatorFailure) -> Admission {
        let token = authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        return try admit(token: token, endpoint: endpoint)
    }

    /// Checks an access token, the rate limit and the injected faults before a platform call: the shop
    /// it acts for, and what the faults do to it.
    func admit(token: String?, endpoint: String) throws(SimulatorFailure) -> Admission {
        callCounts[endpoint, default: 0] += 1
        retryDuePushes()
        guard let token, let expiry = tokens[token] else {
            throw SimulatorFailure(status: 401, code: "invalid_token", message: "missing or unknown access token")
        }
        guard expiry > now else {
            throw SimulatorFailure(status: 401, code: "token_expired", message: "the access token has expired; request a new one")
        }
        let limit = rateLimitOverride ?? manifest.rateLimit
        var bucket = buckets[token] ?? TokenBucket(rate: limit.requestsPerSecond, burst: limit.burst, now: now)
        let wait = bucket.take(now: now)
        buckets[token] = bucket
        if let wait {
            rateLimitViolations += 1
            throw SimulatorFailure(status: 429, code: "rate_limited", message: "more than \(limit.requestsPerSecond) requests per second",
                                   retryAfter: max(1, Int(wait.rounded(.up))))
        }
        // The app's own limit, across every shop's token (where the platform counts per app too).
        if let appLimit = appRateLimit {
            var bucket = appBucket ?? TokenBucket(rate: appLimit.requestsPerSecond, burst: appLimit.burst, now: now)
            let wait = bucket.take(now: now)
            appBucket = bucket
            if let wait {
                rateLimitViolations += 1
                appRateLimitViolations += 1
                throw SimulatorFailure(status: 429, code: "rate_limited", message: "the app made more than \(appLimit.requestsPerSecond) requests per second",
                                       retryAfter: max(1, Int(wait.rounded(.up))))
            }
        }
        if let burst = faults.rateLimitBurst, burst > 0 {
            faults.rateLimitBurst = burst - 1
            faultsInjected["429", default: 0] += 1
            throw SimulatorFailure(status: 429, code: "rate_limited", message: "rate limited (injected)", retryAfter: 1)
        }
        if roll(faults.errorRate) {
            faultsInjected["503", default: 0] += 1
            throw SimulatorFailure(status: 503, code: "unavailable", message: "service unavailable (injected)", retryAfter: 1)
        }
        let mayHang = faults.hangEndpoints.map { $0.contains(endpoint) } ?? true
        var hangs = mayHang && roll(faults.timeoutRate)
        if mayHang, let after = faults.hangAfter, after > 0 {
            faults.hangAfter = after - 1
        } else if mayHang, let next = faults.hangNext, next > 0 {
            faults.hangNext = next - 1
            hangs = true
        }
        let effect = Admission(shop: shop(acting: token), latencyMs: faults.latencyMs ?? 0, hang: hangs ? faults.hangSeconds ?? 60 : nil,
                               garble: roll(faults.garbleRate))
        if effect.hang != nil { faultsInjected["hang", default: 0] += 1 }
        if effect.garble { faultsInjected["garble", default: 0] += 1 }
        return effect
    }

    func listingPage(page: Int, pageSize: Int, shop: String?) throws(SimulatorFailure) -> (listings: [SimulatedListing], total: Int) {
        guard page >= 1 else { throw SimulatorFailure(status: 400, code: "invalid_page", message: "page starts at 1") }
        guard (1...manifest.pageSizeMax).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "page_size_too_large", message: "page_size must be 1…\(manifest.pageSizeMax)")
        }
        let (listings, total) = listingPage(view: "all", offset: (page - 1) * pageSize, limit: pageSize, shop: shop) { _ in true }
        return (listings, total)
    }

    func listing(id: String, shop: String?) throws(SimulatorFailure) -> SimulatedListing {
        settleReviews()
        guard let listing = listings[id], inShop(listing: id, shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no listing \(id)") }
        return listing
    }

    /// Creates a listing, or refuses it with every missing or invalid field. A repeated create of the same
    /// SKU is answered 409 with the existing listing's id, so a retry never makes a duplicate.
    func create(_ draft: ListingDraft, shop: String?) throws(SimulatorFailure) -> SimulatedListing {
        if let existing = idBySKU[ShopSKU(shop: shop, sku: draft.sku ?? "")] {
            throw SimulatorFailure(status: 409, code: "duplicate_sku", message: "a listing with this sku exists: \(existing)")
        }
        try validate(draft)
        let listing = SimulatedListing(
            id: makeID("L"), sku: draft.sku!, barcode: draft.barcode, title: draft.title!, description: draft.description,
            categoryID: draft.categoryId, price: draft.price!, stock: draft.stock ?? 0, stockAsOf: nil, images: draft.images,
            weightGrams: draft.weightGrams, dimensions: draft.dimensions,
            status: manifest.review.required ? .pendingReview : .live, statusReason: nil, createdAt: now, updatedAt: now)
        listings[listing.id] = listing
        idsInOrder = nil
        idBySKU[ShopSKU(shop: shop, sku: listing.sku)] = listing.id
        anyIDBySKU[listing.sku] = listing.id
        listingShops[listing.id] = shop
        if listing.status == .pendingReview { reviewDue[listing.id] = now.addingTimeInterval(TimeInterval(manifest.review.seconds)) }
        return listing
    }

    private func validate(_ draft: ListingDraft) throws(SimulatorFailure) {
        let present: [PlatformManifest.ListingField: Bool] = [
            .sku: draft.sku?.isEmpty == false, .title: draft.title?.isEmpty == false, .description: draft.description?.isEmpty == false,
            .categoryID: draft.categoryId != nil, .price: draft.price != nil, .stock: draft.stock != nil,
            .images: draft.images?.isEmpty == false, .weightGrams: draft.weightGrams != nil, .dimensions: draft.dimensions?.count == 3,
            .barcode: draft.barcode?.isEmpty == false,
        ]
        let missing = ([.sku, .title, .price] + manifest.requiredFields).filter { present[$0] != true }
        if !missing.isEmpty {
            let names = Array(Set(missing.map(\.rawValue))).sorted().joined(separator: ", ")
            throw SimulatorFailure(status: 422, code: "missing_fields", message: "required: \(names)")
        }
        if let title = draft.title, title.count > manifest.fieldLimits.titleMaxLength {
            throw SimulatorFailure(status: 422, code: "field_too_long", message: "title has \(title.count) characters; at most \(manifest.fieldLimits.titleMaxLength)")
        }
        if let description = draft.description, description.count > manifest.fieldLimits.descriptionMaxLength {
            throw SimulatorFailure(status: 422, code: "field_too_long", message: "description has \(description.count) characters; at most \(manifest.fieldLimits.descriptionMaxLength)")
        }
        if let images = draft.images, images.count > manifest.fieldLimits.imagesMax {
            throw SimulatorFailure(status: 422, code: "too_many_images", message: "\(images.count) images; at most \(manifest.fieldLimits.imagesMax)")
        }
        if categories.isPublished {
            try categories.check(draft)
        } else if let category = draft.categoryId, !manifest.categories.values.contains(category) {
            throw SimulatorFailure(status: 422, code: "invalid_category", message: "unknown category_id \(category)")
        }
        if let price = draft.price, price <= 0 || price % manifest.priceRounding != 0 {
            throw SimulatorFailure(status: 422, code: "invalid_price", message: "price must be a positive multiple of \(manifest.priceRounding) đồng")
        }
    }

    /// Applies a batch of stock or price updates, item by item; a write older than the last one is refused.
    func updateBatch(_ items: [BatchItem], kind: BatchKind, shop: String?) throws(SimulatorFailure) -> [BatchItemResult] {
        let limit = switch kind {
        case .stock: manifest.batchSizes.stockUpdate
        case .price: manifest.batchSizes.priceUpdate
        case .priceAndStock: min(manifest.batchSizes.stockUpdate, manifest.batchSizes.priceUpdate)
        }
        guard !items.isEmpty, items.count <= limit else {
            throw SimulatorFailure(status: 400, code: "batch_too_large", message: "\(items.count) items; a batch holds 1…\(limit)")
        }
        var failing = faults.failBatchItems ?? 0
        faults.failBatchItems = nil
        return items.map { item in
            if failing > 0 {
                failing -= 1
                return BatchItemResult(sku: item.sku, status: "error", error: "internal_error")
            }
            guard let id = idBySKU[ShopSKU(shop: shop, sku: item.sku)] else { return BatchItemResult(sku: item.sku, status: "error", error: "not_found") }
            let writesStock = kind == .stock || (kind == .priceAndStock && item.stock != nil)
            let writesPrice = kind == .price || (kind == .priceAndStock && item.price != nil)
            if writesStock {
                guard let stock = item.stock, stock >= 0 else { return BatchItemResult(sku: item.sku, status: "error", error: "invalid_stock") }
                if let asOf = item.asOf, let last = listings[id]!.stockAsOf, asOf < last {
                    return BatchItemResult(sku: item.sku, status: "error", error: "stale_write")
                }
            }
            if writesPrice {
                guard let price = item.price, price > 0, price % manifest.priceRounding == 0 else {
                    return BatchItemResult(sku: item.sku, status: "error", error: "invalid_price")
                }
            }
            if writesStock {
                listings[id]!.stock = item.stock!
                listings[id]!.stockAsOf = item.asOf ?? now
            }
            if writesPrice { listings[id]!.price = item.price! }
            listings[id]!.updatedAt = now
            return BatchItemResult(sku: item.sku, status: "ok", error: nil)
        }
    }

    /// A page of the listings `include` keeps (in id order, from `offset`, at most `limit`) and how many it
    /// keeps in all, reviews settled. The kept ids are remembered under `view` until a listing changes, so
    /// reading every page costs one filtering, not one per page: the dialects page this their platform's way.
    func listingPage(view: String, offset: Int, limit: Int, shop: String?, include: (SimulatedListing) -> Bool) -> (page: [SimulatedListing], total: Int) {
        settleReviews()
        let ids: [String]
        let key = (shop ?? "") + "\u{1}" + view
        if let kept = views[key], kept.revision == listingsRevision {
            ids = kept.ids
        } else {
            ids = orderedIDs().filter { inShop(listing: $0, shop) && include(listings[$0]!) }
            views[key] = (listingsRevision, ids)
        }
        let start = min(max(0, offset), ids.count)
        return (ids[start..<min(ids.count, start + max(0, limit))].map { listings[$0]! }, ids.count)
    }

    private func orderedIDs() -> [String] {
        if let idsInOrder { return idsInOrder }
        let ids = listings.keys.sorted()
        idsInOrder = ids
        return ids
    }

    func listing(sku: String, shop: String?) -> SimulatedListing? {
        settleReviews()
        return idBySKU[ShopSKU(shop: shop, sku: sku)].flatMap { listings[$0] }
    }

    /// The shop's orders updated in `range`, oldest change first.
    func orders(updatedIn range: ClosedRange<Date>, shop: String?) -> [SimulatedOrder] {
        orders.values.filter { range.contains($0.updatedAt) && orderShops[$0.id] == shop }.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    }

    func order(id: String, shop: String?) -> SimulatedOrder? { orderShops[id] == shop ? orders[id] : nil }

    /// A listing's content after a seller's edit; the same checks as a create.
    func updateContent(id: String, _ draft: ListingDraft, shop: String?) throws(SimulatorFailure) -> SimulatedListing {
        guard var listing = listings[id], inShop(listing: id, shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no listing \(id)") }
        var merged = ListingDraft(sku: listing.sku, barcode: draft.barcode ?? listing.barcode, title: draft.title ?? listing.title,
                                  description: draft.description ?? listing.description, categoryId: draft.categoryId ?? listing.categoryID,
                                  price: listing.price, stock: listing.stock, images: draft.images ?? listing.images,
                                  weightGrams: draft.weightGrams ?? listing.weightGrams, dimensions: draft.dimensions ?? listing.dimensions)
        try validate(merged)
        merged.sku = nil
        listing.barcode = merged.barcode
        listing.title = merged.title!
        listing.description = merged.description
        listing.categoryID = merged.categoryId
        listing.images = merged.images
        listing.weightGrams = merged.weightGrams
        listing.dimensions = merged.dimensions
        listing.updatedAt = now
        listings[id] = listing
        return listing
    }

    /// Gives an item models, one per variant (Shopee's init_tier_variation): each model is a listing of its own
    /// (its SKU, price and stock, sold and ordered as any listing) held by the item, which is no longer sold itself.
    /// `itemSKU` renames the item where its SKU was one of the models' (Lazada's first SKU).
    func addModels(item id: String, _ models: [(sku: String, option: String, price: Int, stock: Int)], itemSKU: String? = nil,
                   shop: String?) throws(SimulatorFailure) -> [SimulatedListing] {
        guard var item = listings[id], inShop(listing: id, shop), item.itemID == nil else {
            throw SimulatorFailure(status: 404, code: "not_found", message: "no item \(id)")
        }
        guard item.hasModels != true else {
            throw SimulatorFailure(status: 409, code: "invalid_state", message: "item \(id) has its variations already; change them with update_tier_variation")
        }
        var made: [SimulatedListing] = []
        for model in models {
            if let existing = idBySKU[ShopSKU(shop: shop, sku: model.sku)], existing != id {
                throw SimulatorFailure(status: 409, code: "duplicate_sku", message: "a listing with this sku exists: \(existing)")
            }
            var listing = item
            listing.id = makeID("M")
            listing.sku = model.sku
            listing.price = model.price
            listing.stock = model.stock
            listing.itemID = id
            listing.option = model.option
            listing.hasModels = nil
            listing.createdAt = now
            listing.updatedAt = now
            listings[listing.id] = listing
            idBySKU[ShopSKU(shop: shop, sku: model.sku)] = listing.id
            anyIDBySKU[model.sku] = listing.id
            listingShops[listing.id] = shop
            made.append(listing)
        }
        idsInOrder = nil
        if let itemSKU { item.sku = itemSKU }
        item.hasModels = true
        item.updatedAt = now
        listings[id] = item
        return made
    }

    /// The models of an item, in the order they were made.
    func models(of id: String, shop: String?) throws(SimulatorFailure) -> [SimulatedListing] {
        guard listings[id] != nil, inShop(listing: id, shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no item \(id)") }
        return listings.values.filter { $0.itemID == id }.sorted { (Int($0.id) ?? 0, $0.id) < (Int($1.id) ?? 0, $1.id) }
    }

    func setActive(id: String, _ active: Bool, shop: String?) throws(SimulatorFailure) -> SimulatedListing {
        // An item's models are listed and unlisted with it.
        for member in listings.values where member.itemID == id { _ = try setActive(id: member.id, active, shop: shop) }
        guard var listing = listings[id], inShop(listing: id, shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no listing \(id)") }
        switch (listing.status, active) {
        case (.live, false), (.inactive, false): listing.status = .inactive
        case (.inactive, true), (.live, true): listing.status = .live
        default:
            throw SimulatorFailure(status: 409, code: "invalid_state", message: "a \(listing.status.rawValue) listing cannot be \(active ? "activated" : "deactivated")")
        }
        listing.updatedAt = now
        listings[id] = listing
        return listing
    }

    func orderPage(updatedAfter: Date?, page: Int, pageSize: Int, shop: String?) throws(SimulatorFailure) -> (orders: [SimulatedOrder], total: Int) {
        guard page >= 1, (1...manifest.pageSizeMax).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "invalid_page", message: "page starts at 1; page_size must be 1…\(manifest.pageSizeMax)")
        }
        let matching = orders.values.filter { (updatedAfter == nil || $0.updatedAt > updatedAfter!) && orderShops[$0.id] == shop }
            .sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        return (Self.slice(matching, page: page, pageSize: pageSize), matching.count)
    }

    // MARK: Helpers

    /// Approves the listings created through the API whose review time has passed; seeded listings
    /// waiting for review wait for the control API, as a real reviewer's backlog does.
    private func settleReviews() {
        guard manifest.review.required, manifest.review.seconds > 0 else { return }
        let current = now
        for (id, due) in reviewDue where due <= current {
            reviewDue[id] = nil
            if listings[id]?.status == .pendingReview { listings[id]!.status = .live }
        }
    }

    /// Page `page` (from 1) of `items`.
    private static func slice<Item>(_ items: [Item], page: Int, pageSize: Int) -> [Item] {
        let start = (page - 1) * pageSize
        return start < items.count ? Array(items[start..<min(items.count, start + pageSize)]) : []
    }

    /// A new listing or order id: numeric where the platform's ids are numbers.
    private func makeID(_ prefix: String) -> String {
        defer { nextID += 1 }
        if let base = numericIDBase { return String(base + (prefix == "O" ? 500_000 : 0) + nextID) }
        return "\(prefix)\(String(format: "%07d", nextID))"
    }

    private func randomWord() -> String {
        (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &dice), radix: 36) }.joined()
    }

    private func roll(_ rate: Double?) -> Bool {
        guard let rate, rate > 0 else { return false }
        let value = seededDice != nil ? seededDice!.nextUnit() : Double.random(in: 0..<1, using: &dice)
        return value < rate
    }
}

/// What admitting a call found: the shop its token acts for, and what injected faults do to it.
struct Admission: Sendable {
    /// `nil`: the seeded shop.
    var shop: String?
    var latencyMs: Int
    /// Seconds the call hangs before it is applied and answered; `nil`: it does not.
    var hang: Double?
    var garble: Bool
}

/// A small deterministic generator (SplitMix64) for repeatable fault runs.
struct SeededDice: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

/// A SKU in one shop (`nil`: the seeded shop): SKUs are the seller's, so two shops may use the same.
struct ShopSKU: Hashable, Sendable {
    var shop: String?
    var sku: String
}
