import OCOPCatalog

/// Reads and checks a whole catalog file before anything is written.
public enum CatalogReader {
    /// The catalog in `bytes`, or every problem found, each with the file name and line.
    ///
    /// - Parameters:
    ///   - file: the name used in messages.
    ///   - lookup: the catalog the file will be added to, to refuse duplicates.
    public static func read(
        _ bytes: [UInt8], format: CatalogFileFormat, file: String, lookup: any CatalogLookup = EmptyCatalogLookup()
    ) throws(CatalogFileError) -> Catalog {
        let body: ArraySlice<UInt8>
        switch TextCheck.utf8Body(bytes, file: file) {
        case .success(let text): body = text
        case .failure(let error): throw error
        }
        var assembler = CatalogAssembler(file: file, lookup: lookup)
        switch format {
        case .csv: CSVCatalogReader.read(body, file: file, into: &assembler)
        case .json: JSONCatalogReader.read(body, into: &assembler)
        }
        guard let catalog = assembler.finish() else { throw CatalogFileError(issues: assembler.issues) }
        return catalog
    }
}
