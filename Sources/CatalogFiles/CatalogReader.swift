import OCOPCatalog

/// Reads and checks a whole catalog file before anything is written.
public enum CatalogReader {
    /// The catalog in `bytes`, or every problem found, each with the file name and line.
    ///
    /// - Parameters:
    ///   - file: the name used in messages.
    ///   - lookup: the catalog the file will be added to, to refuse duplicates.
    public static func read(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup = EmptyCatalogLookup(), mode: ImportMode = .add
    ) throws(CatalogFileError) -> Catalog {
        try readWithLines(bytes, format: format, file: file, lookup: lookup, mode: mode).catalog
    }

    /// As ``read(_:format:file:lookup:mode:)``, with the line of each producer, product and variant (where an
    /// update's history says a change came from).
    public static func readWithLines(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup = EmptyCatalogLookup(), mode: ImportMode = .add,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws(CatalogFileError) -> (catalog: Catalog, lines: CatalogLines) {
        let collector = CatalogCollector()
        _ = try assemble(bytes, format: format, file: file, lookup: lookup, mode: mode, progress: progress, onAddition: collector.add)
        return (collector.catalog, collector.lines)
    }

    /// Checks an update file (`mode` `.update`) into `collector`, which keeps only what may change the catalog; its
    /// ``UpdateCollector/finish(current:)`` then gives what ``readWithLines(_:format:file:lookup:mode:progress:)``
    /// would give, without the products the catalog holds as they are. Returns what the file holds.
    public static func readForUpdate(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup, into collector: UpdateCollector,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws(CatalogFileError) -> CatalogCounts {
        try assemble(bytes, format: format, file: file, lookup: lookup, mode: .update, progress: progress, onAddition: collector.add)
    }

    /// Checks `bytes` and hands on each producer, product and variant as soon as it is found valid,
    /// without keeping the catalog in memory. The file as a whole is valid only if this returns. `progress` is told
    /// every ``ReadProgress/interval`` rows how far the check has come.
    public static func stream(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup = EmptyCatalogLookup(),
        mode: ImportMode = .add, progress: ((ReadProgress) -> Void)? = nil, onAddition: @escaping (CatalogAddition) -> Void
    ) throws(CatalogFileError) -> CatalogCounts {
        try assemble(bytes, format: format, file: file, lookup: lookup, mode: mode, progress: progress) { addition, _ in onAddition(addition) }
    }

    private static func assemble(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup, mode: ImportMode,
        progress: ((ReadProgress) -> Void)?, onAddition: @escaping (CatalogAddition, Int) -> Void
    ) throws(CatalogFileError) -> CatalogCounts {
        let body: ArraySlice<UInt8>
        switch TextCheck.utf8Body(bytes, file: file) {
        case .success(let text): body = text
        case .failure(let error): throw error
        }
        // Catalog rows run to a few hundred bytes; a quarter of a kilobyte a row sizes the tables without waste.
        var assembler = CatalogAssembler(file: file, lookup: lookup, mode: mode, expectedRows: body.count / 256, onProgress: progress, onAddition: onAddition)
        switch format {
        case .csv:
            if progress != nil { assembler.countedRows = ReadProgress.csvRows(body) }
            CSVCatalogReader.read(body, file: file, into: &assembler)
        case .json: JSONCatalogReader.read(body, into: &assembler)
        }
        guard let counts = assembler.finish() else { throw CatalogFileError(issues: assembler.issues) }
        return counts
    }
}

/// Gathers what a check hands on, in order, into a catalog with the line of each piece.
final class CatalogCollector {
    private(set) var catalog = Catalog()
    private(set) var lines = CatalogLines()
    /// The position of each product, made only once a variant does not follow its product (a CSV file's rows of
    /// one product need not be together); until then a variant belongs to the last product.
    private var positions: [String: Int]?

    func add(_ addition: CatalogAddition, line: Int) {
        switch addition {
        case .producer(let producer):
            catalog.producers.append(producer)
            lines.producers.append(line)
        case .product(let product):
            positions?[product.sku] = catalog.products.count
            catalog.products.append(product)
            lines.products.append(line)
            lines.variants.append([])
        case .variant(let productSKU, let variant, let stock):
            let at = position(of: productSKU)
            catalog.products[at].variants.append(variant)
            catalog.stock[variant.sku] = stock
            lines.variants[at].append(line)
        }
    }

    private func position(of productSKU: String) -> Int {
        let last = catalog.products.count - 1
        if positions == nil {
            if last >= 0, catalog.products[last].sku == productSKU { return last }
            positions = Dictionary(catalog.products.enumerated().map { ($0.element.sku, $0.offset) }, uniquingKeysWith: { _, later in later })
        }
        return positions![productSKU]!
    }
}

/// The line of each producer, product and variant of a catalog read from a file, in the catalog's order.
public struct CatalogLines: Sendable {
    public var producers: [Int] = []
    public var products: [Int] = []
    /// Per product, the line of each of its variants.
    public var variants: [[Int]] = []

    public init() {}
}

/// How much a catalog file adds.
public struct CatalogCounts: Hashable, Sendable {
    public var producers = 0
    public var products = 0
    public var variants = 0

    public init() {}
}
