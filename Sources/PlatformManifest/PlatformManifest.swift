import OCOPCatalog

/// What ocopsync knows of one marketplace, read from `adapters/<platform>/manifest.yaml` at start-up:
/// its limits, what makes a listing complete there, its categories and, for platforms that publish no
/// seller API, the HTTP protocol ocopsync speaks to them.
public struct PlatformManifest: Equatable, Sendable {
    /// Platform id as accounts name it (`voso`, `shopee`, …).
    public var platform: String
    public var displayName: String
    /// The path under the host where the API lives, as the platform's documented base URL has it
    /// (`/rest` for Lazada); empty for most.
    public var basePath: String = ""
    /// Whether the protocol follows a published seller API; `false` means ocopsync's own protocol.
    public var publicAPI: Bool
    public var rateLimit: RateLimit
    /// What one app may call across all the shops connected to it (optional `app_rate_limit`), where the
    /// platform counts calls per app as well as per shop.
    public var appRateLimit: RateLimit?
    /// Seconds a call may take before it is abandoned and deferred (optional `call_timeout_seconds`, default 10).
    public var callTimeoutSeconds: Double = 10
    public var batchSizes: BatchSizes
    /// Largest page a listing or order query may ask for.
    public var pageSizeMax: Int
    public var fieldLimits: FieldLimits
    /// Listing fields a listing needs before the platform accepts it.
    public var requiredFields: [ListingField]
    /// Platform category per OCOP group; a group without one cannot be listed there.
    public var categories: [OCOPGroup: String]
    /// Prices are rounded to a multiple of this many đồng.
    public var priceRounding: Int
    public var review: Review
    /// The HTTP protocol, for platforms without a public API.
    public var protocolSpec: ProtocolSpec?
    /// Where the platform stands in reports and listings (optional `report_order`; without one, after the
    /// others, by id).
    public var reportOrder: Int = .max
    /// Where category attributes' values come from (optional `attributes`).
    public var attributeRules = AttributeRules()
    /// What the platform takes as a picture (optional `pictures`); `nil`: pictures go as URLs, unchecked.
    public var pictureRules: PictureRules?

    /// Whether the platform publishes its categories and their attributes: its manifest says where the
    /// attributes' values come from (`attributes`), and its adapter reads them (`CategorySchemaFeed`). A listing
    /// is created there only once they have been read.
    public var publishesCategorySchema: Bool { attributeRules != AttributeRules() }
}

extension PlatformManifest {
    /// The platforms of `manifests`, in report order: the one list of platforms, found in the manifests under
    /// `adapters/` (a new platform is a new folder).
    public static func platforms(of manifests: [String: PlatformManifest]) -> [String] {
        manifests.values.sorted { ($0.reportOrder, $0.platform) < ($1.reportOrder, $1.platform) }.map(\.platform)
    }
}

extension PlatformManifest {
    /// Requests a client may make: a sustained rate and a burst.
    public struct RateLimit: Equatable, Sendable {
        public var requestsPerSecond: Double
        public var burst: Int

        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    /// Items per call of the batch endpoints.
    public struct BatchSizes: Equatable, Sendable {
        public var stockUpdate: Int
        public var priceUpdate: Int
    }

    public struct FieldLimits: Equatable, Sendable {
        public var titleMaxLength: Int
        public var descriptionMaxLength: Int
        public var imagesMax: Int
    }

    /// How new listings are reviewed before they go live.
    public struct Review: Equatable, Sendable {
        /// New listings wait for review; otherwise they are live at once.
        public var required: Bool
        /// Seconds a simulated review takes before approval (0: until the control API decides).
        public var seconds: Int
    }

    /// The fields of a listing that a platform may require.
    public enum ListingField: String, CaseIterable, Equatable, Sendable {
        case sku, title, description, categoryID = "category_id", price, stock, images
        case weightGrams = "weight_grams", dimensions, barcode
    }
}
