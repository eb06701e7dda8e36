/// The words and phrases shoppers use, from which `ShoppingCorpus` writes training sentences for
/// the domain language model. Categories, brands and colours follow the catalog's data; extend the
/// lists here and regenerate (see docs/architecture.md, "Shopping language model").
enum ShoppingVocabulary {
    static let colors = [
        "red", "blue", "navy", "navy blue", "light blue", "dark blue", "green", "dark green", "black",
        "white", "grey", "gray", "pink", "hot pink", "purple", "yellow", "orange", "brown", "beige",
        "burgundy", "teal", "olive", "olive green", "silver", "gold", "rose gold", "charcoal", "cream",
        "tan", "maroon", "khaki", "turquoise", "lavender", "ivory", "coral", "mint", "multicolor",
    ]

    /// Product kinds, singular and plural where shoppers use both.
    static let categories = [
        "shoes", "running shoes", "walking shoes", "sneakers", "sneaker", "trainers", "boots",
        "hiking boots", "ankle boots", "sandals", "heels", "high heels", "loafers", "slippers", "flip flops",
        "jacket", "jackets", "rain jacket", "winter jacket", "leather jacket", "coat", "raincoat",
        "hoodie", "hoodies", "sweater", "sweaters", "sweatshirt", "cardigan", "t-shirt", "t-shirts",
        "shirt", "shirts", "polo shirt", "blouse", "jeans", "pants", "trousers", "joggers", "shorts",
        "dress", "dresses", "skirt", "leggings", "socks", "pajamas", "swimsuit", "backpack", "backpacks",
        "bag", "handbag", "tote bag", "wallet", "belt", "watch", "watches", "smartwatch", "smartwatches",
        "sunglasses", "hat", "cap", "beanie", "scarf", "gloves", "jewelry", "necklace", "earrings",
        "ring", "bracelet", "headphones", "earbuds", "speaker", "speakers", "laptop", "laptops",
        "notebook", "phone", "phones", "smartphone", "smartphones", "tablet", "tablets", "monitor",
        "keyboard", "mouse", "camera", "charger", "phone case", "power bank", "television", "tv",
        "tvs", "televisions", "monitors",
        "perfume", "fragrance", "lipstick", "mascara", "moisturizer", "shampoo", "sunscreen",
        "nail polish", "skin care", "makeup", "sofa", "couch", "chair", "office chair", "table",
        "dining table", "desk", "lamp", "bed", "mattress", "pillow", "blanket", "towels", "mug",
        "blender", "kettle", "coffee maker", "toaster", "vacuum", "vacuum cleaner", "frying pan",
        "knife set", "bike", "bicycle", "helmet", "tent", "sleeping bag", "yoga mat", "dumbbells",
        "motorcycle", "scooter", "car", "groceries", "gift", "toys",
    ]

    static let brands = [
        "nike", "adidas", "puma", "reebok", "new balance", "converse", "vans", "asics", "under armour",
        "apple", "samsung", "sony", "dell", "lenovo", "asus", "acer", "huawei", "oppo", "vivo",
        "realme", "google", "microsoft", "bose", "beats", "canon", "nikon", "logitech", "gigabyte",
        "gucci", "prada", "rolex", "dior", "chanel", "calvin klein", "dolce and gabbana", "off white",
        "longines", "casio", "timex", "levis", "columbia", "patagonia", "the north face", "ikea",
        "olay", "vaseline", "essence", "kawasaki", "amazon", "zara",
    ]

    static let sizes = [
        "small", "medium", "large", "extra large", "extra small", "xl", "xxl", "size small",
        "size medium", "size large", "petite", "plus size",
    ]

    /// Shoe and clothing sizes that are said as numbers.
    static let numberedSizes = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 32, 34, 36, 38, 40, 42]

    static let materials = [
        "leather", "cotton", "wool", "denim", "suede", "silk", "linen", "waterproof", "wireless",
        "bluetooth", "noise cancelling", "organic", "vegan", "stainless steel", "wooden", "plastic",
        "lightweight", "breathable", "insulated", "gaming", "portable", "rechargeable",
    ]

    static let qualities = [
        "cheap", "cheaper", "affordable", "budget", "premium", "luxury", "comfortable", "warm",
        "casual", "formal", "slim fit", "oversized", "classic", "vintage", "modern", "new", "used",
        "durable", "stylish", "cute", "simple", "good", "nice", "best", "popular", "sturdy", "soft",
    ]

    static let audiences = [
        "men's", "women's", "kids", "boys", "girls", "mens", "womens", "baby", "unisex",
    ]

    static let occasions = [
        "for running", "for hiking", "for work", "for school", "for the gym", "for travel",
        "for a wedding", "for winter", "for summer", "for the beach", "for gaming", "for my son",
        "for my daughter", "for my wife", "for my husband", "for my mom", "for my dad", "for a gift",
        "for the office", "for everyday use", "for the kitchen", "for camping", "for my family",
        "for the family", "for my kids", "for video editing", "for programming", "for photography",
        "for vlogging", "for graphic design", "for college", "for streaming", "for drawing",
    ]

    /// How many people a product is for ("a tent for four people"), said as words.
    static let peopleCounts = ["two", "three", "four", "five", "six", "eight"]

    /// Places in the list shown, for questions about one product ("what about the second one").
    static let ordinals = ["first", "second", "third", "fourth", "last"]

    /// What a shopper asks a product has ("does it have gps").
    static let features = [
        "gps", "bluetooth", "wifi", "noise cancelling", "a microphone", "a rain fly", "a warranty", "a touch screen",
        "usb c", "a remote", "a flip screen", "a timer", "a headrest", "parental controls", "autofocus",
    ]

    /// What a shopper asks a product is ("is it waterproof").
    static let traits = ["waterproof", "wireless", "water resistant", "lightweight", "adjustable", "washable", "portable"]

    /// Prices shoppers say, in whole currency units.
    static let prices = [
        5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 75, 80, 90, 99, 100, 120, 125, 150, 180, 199,
        200, 250, 300, 350, 400, 450, 500, 600, 700, 750, 800, 900, 999, 1000, 1200, 1500, 2000, 2500,
        3000, 5000,
    ]

    static let currencies = ["dollars", "bucks", "euros", "pounds", "dollars", "dollars"]

    static let starCounts = ["three", "four", "four and a half", "five"]

    /// Request templates. Slots: {color} {category} {brand} {size} {material} {quality}
    /// {audience} {occasion} {price} {price2} {currency} {stars} {number} {people} {ordinal}
    /// {feature} {trait}.
    static let templates = [
        "{color} {category}",
        "{brand} {category}",
        "{color} {brand} {category}",
        "{quality} {color} {category}",
        "{audience} {category}",
        "{audience} {color} {category} size {number}",
        "{category} under {price} {currency}",
        "{color} {category} under {price} {currency}",
        "{brand} {category} under {price} {currency}",
        "{color} {brand} {category} under {price} {currency}",
        "show me {color} {category}",
        "show me {brand} {category} under {price} {currency}",
        "show me {quality} {category} {occasion}",
        "show me some {color} {category}",
        "find me {color} {category} in size {number}",
        "find me a {color} {category} under {price} {currency}",
        "find {material} {category} for less than {price} {currency}",
        "i want {color} {category}",
        "i want {brand} {category} {occasion}",
        "i want a {material} {category} under {price} {currency}",
        "i'm looking for {color} {category} in {size}",
        "i'm looking for {audience} {category} {occasion}",
        "i am looking for a {quality} {category} under {price} {currency}",
        "i need {material} {category} {occasion}",
        "i need a {color} {category} in size {number}",
        "i need new {category} {occasion} under {price} {currency}",
        "do you have {color} {category} in {size}",
        "do you have any {brand} {category}",
        "do you have this in {color}",
        "can you find {audience} {category} below {price} {currency}",
        "can you show me {brand} {category} between {price} and {price2} {currency}",
        "can i get {color} {category} with at least {stars} stars",
        "looking for {brand} {category} around {price} {currency}",
        "looking for {material} {category} {occasion}",
        "get me {color} {brand} {category}",
        "buy {brand} {category}",
        "search for {color} {category}",
        "search for {brand} {category} under {price} {currency}",
        "{category} between {price} and {price2} {currency}",
        "{category} with at least {stars} stars",
        "{material} {category} rated {stars} stars or more",
        "{color} {category} size {number}",
        "{category} in {color} size {number}",
        "{brand} {category} in {color}",
        "something like this but in {color}",
        "something like this but cheaper",
        "like this but cheaper",
        "like this but under {price} {currency}",
        "show me cheaper ones",
        "show me more like this",
        "the {color} one",
        "the {brand} one please",
        "make it {color}",
        "make it under {price} {currency}",
        "less than {price} {currency} please",
        "what about {color}",
        "what about {brand}",
        "anything in {size}",
        "only {brand} please",
        "i prefer {color} or {color}",
        "i'd like {quality} {category} {occasion} for under {price} {currency}",
        "a gift for my wife under {price} {currency}",
        "a {category} for {people} people",
        "i need a {category} for {people} people under {price} {currency}",
        "a {category} {occasion} for {people} people",
        "what about the {ordinal} one",
        "does the {ordinal} one have {feature}",
        "does it have {feature}",
        "is it {trait}",
        "is the {ordinal} one {trait}",
        "are any of them {trait}",
        "which ones are {trait}",
        "do they have {feature}",
        "do they fold",
        "which one has the biggest screen",
        "which one has the highest refresh rate",
        "which one is the lightest",
        "which has the longest battery life",
        "which one is the cheapest",
        "which one is the best rated",
        "which one has the most reviews",
        "how heavy is it",
        "how heavy is the {ordinal} one",
        "how much does it weigh",
        "how heavy are they",
        "how big is the screen",
        "how much storage does it have",
        "what color is it",
        "what colors does it come in",
        "one with more ram",
        "with more storage",
        "something lighter",
        "any bigger ones",
        "a bigger one",
        "with a higher refresh rate",
        "with more cushioning",
        "the biggest {category} under {price} {currency}",
        "the smallest {category}",
        "the lightest {category}",
        "the fastest {category}",
        "the most powerful {category}",
        "{category} with the longest battery life",
        "show me the biggest ones",
        "the lightest one",
        "a {category} that is easy to set up",
        "which ones are on sale",
        "any {category} on sale under {price} {currency}",
        "a smartwatch that works with my iphone",
        "a jacket that packs small",
        "a keyboard with brown switches",
        "a mystery novel",
        "books by agatha christie",
        "what's your return policy",
        "an air fryer for a family of {people}",
        "a {category} big enough for {people} people",
        "running shoes for flat feet",
        "an office chair for back pain",
        "a gaming chair for a big guy",
        "earbuds that don't fall out when running",
        "a smart watch that tracks sleep and heart rate",
        "a coffee maker that makes twelve cups",
        "the cheapest one terabyte ssd",
        "something by charlotte bronte",
        "the {ordinal} one does it have {feature}",
        "does the {brand} one have {feature}",
        "does the {brand} have {feature}",
        "is the {brand} one {trait}",
        "which one has the best autofocus",
        "which one is best {occasion}",
        "which one has better battery",
        "how long does the battery last",
        "what's the max weight",
        "how thick is it",
        "what's the width",
        "how many cores does it have",
        "how much vram does it have",
        "which one has the most cores",
        "does it track sleep",
        "which one has more storage",
        "a hoodie that isn't itchy",
        "how many buttons does it have",
        "how many buttons does the {ordinal} one have",
        "how many pages is it",
        "how many pieces does the {ordinal} one have",
        "who wrote it",
        "who wrote the {ordinal} one",
        "what processor does it have",
        "what operating system does it run",
        "how fast is it",
        "how long does it run",
        "how many watts is it",
        "what is it made of",
        "does it have memory presets",
        "what ages is it for",
        "how does it compare to the {ordinal} one",
        "not a standing one",
        "without drawers",
        "no earbuds please",
        "i'll buy the {ordinal} one",
        "do you ship to canada",
        "not too expensive",
        "not too heavy",
        "{audience} {material} {category} {occasion} under {price} {currency}",
        "my budget is {price} {currency}",
        "my budget is around {price} {currency}",
        "no more than {price} {currency}",
        "up to {price} {currency}",
        "sort by price",
        "sort by rating",
        "show the cheapest ones first",
        "add it to my cart",
        "thank you",
        "yes please",
        "no thanks",
    ]
}
