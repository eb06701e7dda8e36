extension JSONWriter {
    /// A search response (`SearchResults`, keys as its `CodingKeys`).
    public mutating func searchResults(_ results: SearchResults) {
        raw("{")
        resultFields(products: results.products, totalFound: results.totalFound, sources: results.sources)
        raw("}")
    }

    /// `"products":[…],"total_found":…,"sources":[…]`: the fields a search response and a
    /// `results` event share.
    mutating func resultFields(products: [ProductResult], totalFound: Int, sources: [SourceStatus]) {
        raw("\"products\":")
        array(products) { $0.product($1) }
        raw(",\"total_found\":")
        number(totalFound)
        raw(",\"sources\":")
        array(sources) { $0.sourceStatus($1) }
    }

    /// One `SourceStatus`, keys as its `CodingKeys`.
    mutating func sourceStatus(_ status: SourceStatus) {
        raw("{\"marketplace\":")
        string(status.marketplace)
        raw(",\"count\":")
        number(status.count)
        raw(",\"latency_ms\":")
        number(status.latencyMilliseconds)
        raw(",\"error\":")
        string(status.error)
        raw("}")
    }

    /// One `ProductResult`, keys as its `CodingKeys`.
    public mutating func product(_ product: ProductResult) {
        raw("{\"id\":")
        string(product.id)
        raw(",\"title\":")
        string(product.title)
        raw(",\"brand\":")
        string(product.brand)
        raw(",\"category\":")
        string(product.category)
        raw(",\"price\":")
        number(product.price)
        raw(",\"currency\":")
        string(product.currency)
        raw(",\"url\":")
        string(product.url)
        raw(",\"image_url\":")
        string(product.imageURL)
        raw(",\"rating\":")
        number(product.rating)
        raw(",\"review_count\":")
        number(product.reviewCount)
        raw(",\"marketplace\":")
        string(product.marketplace)
        raw(",\"attributes\":")
        object(product.attributes)
        raw(",\"score\":")
        number(product.score)
        raw(",\"match_reasons\":")
        strings(product.matchReasons)
        if let description = product.description {
            raw(",\"description\":")
            string(description)
        }
        if let listPrice = product.listPrice {
            raw(",\"list_price\":")
            number(listPrice)
        }
        raw("}")
    }
}
