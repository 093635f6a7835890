extension RemoteID {
    /// The id as the positive whole number a platform takes on the wire, or a `bad_id` refusal: an id
    /// that is not a number is never sent as 0.
    public func number(_ field: String = "item_id") throws(AdapterError) -> Int {
        try Self.number(value, field: field)
    }

    /// `text` (an id, a category id, a shop id) as a positive whole number, or a `bad_id` refusal.
    public static func number(_ text: String, field: String) throws(AdapterError) -> Int {
        guard let number = Int(text), number > 0 else {
            throw .rejected(code: "bad_id", message: "\(field) \"\(text)\" is not a positive whole number")
        }
        return number
    }
}
