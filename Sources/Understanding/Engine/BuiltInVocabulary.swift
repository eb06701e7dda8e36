/// What the engine knows about a category beyond its name: the words shoppers use for it, its
/// common brands, and how its prices behave.
struct CategoryKnowledge: Sendable {
    /// The catalog's name ("Laptops").
    var name: String
    var path: [String]
    /// Lowercase words and phrases that mean this category (singular and plural, slang).
    var synonyms: [String]
    var brands: [String]
    /// Whether prices vary widely enough that the budget is worth a question.
    var isPriceVariable: Bool
    /// Clothing and shoes: "large", "xl", "size 10" are sizes here.
    var isSized: Bool
    /// Budget examples for the clarifying question, in USD.
    var budgetExamples: [Int]
    /// The built-in name of the category when the catalog calls it otherwise ("Graphics Cards"
    /// of the catalog's "Video Cards"): its words name the category, they narrow nothing.
    var builtInName: String? = nil

    /// A catalog's category name as this knowledge's synonyms are written: lower-case, with
    /// hyphens and underscores as spaces ("skin care" of an imported "skin-care", which had stayed a
    /// category of its own beside an empty built-in "Skincare").
    static func synonymForm(of name: String) -> String {
        // Every reply counts its category by this: an ASCII name (nearly all) by its bytes.
        var bytes = Array(name.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(name.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 }) }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] |= 0x20
            case UInt8(ascii: "-"), UInt8(ascii: "_"): bytes[index] = UInt8(ascii: " ")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum BuiltInVocabulary {
    static let knowledge: [CategoryKnowledge] = [
        .init(name: "Laptops", path: ["Electronics", "Computers", "Laptops"],
              synonyms: ["laptop", "laptops", "notebook", "notebooks", "macbook", "macbooks", "ultrabook",
                         "ultrabooks", "chromebook", "chromebooks", "notebook computer", "portable computer"],
              brands: ["Dell", "HP", "Lenovo", "Apple", "Asus", "Acer", "Microsoft", "MSI", "Razer", "Samsung"],
              isPriceVariable: true, isSized: false, budgetExamples: [500, 1000, 1500]),
        .init(name: "Monitors", path: ["Electronics", "Computers", "Monitors"],
              synonyms: ["monitor", "monitors", "display", "displays", "computer screen", "computer screens"],
              brands: ["Dell", "LG", "Samsung", "Asus", "Acer", "BenQ", "ViewSonic", "AOC", "MSI"],
              isPriceVariable: true, isSized: false, budgetExamples: [200, 400, 800]),
        .init(name: "Phones", path: ["Electronics", "Phones"],
              synonyms: ["phone", "phones", "smartphone", "smartphones", "cell phone", "cell phones",
                         "cellphone", "cellphones", "mobile", "mobiles", "mobile phone", "mobile phones",
                         "iphone", "iphones", "android phone", "android phones"],
              brands: ["Apple", "Samsung", "Google", "OnePlus", "Motorola", "Xiaomi", "Sony", "Nokia"],
              isPriceVariable: true, isSized: false, budgetExamples: [300, 700, 1000]),
        .init(name: "Headphones", path: ["Electronics", "Audio", "Headphones"],
              synonyms: ["headphone", "headphones", "earbud", "earbuds", "earphone", "earphones", "headset",
                         "headsets", "ear buds", "airpods", "in ear", "over ear", "over the ear"],
              brands: ["Sony", "Bose", "Apple", "Sennheiser", "JBL", "Beats", "Audio-Technica", "Jabra",
                       "Anker", "Skullcandy", "HyperX", "SteelSeries", "Logitech", "Razer"],
              isPriceVariable: true, isSized: false, budgetExamples: [50, 150, 300]),
        .init(name: "TVs", path: ["Electronics", "TVs"],
              synonyms: ["tv", "tvs", "television", "televisions", "telly", "smart tv", "smart tvs",
                         "flat screen", "flatscreen"],
              brands: ["Samsung", "LG", "Sony", "TCL", "Hisense", "Vizio", "Panasonic", "Philips"],
              isPriceVariable: true, isSized: false, budgetExamples: [400, 800, 1500]),
        .init(name: "Cameras", path: ["Electronics", "Cameras"],
              synonyms: ["camera", "cameras", "dslr", "dslrs", "mirrorless camera", "mirrorless cameras",
                         "digital camera", "digital cameras", "action camera", "action cameras", "gopro"],
              brands: ["Canon", "Nikon", "Sony", "Fujifilm", "Panasonic", "GoPro", "Olympus", "Leica"],
              isPriceVariable: true, isSized: false, budgetExamples: [400, 1000, 2000]),
        .init(name: "Tablets", path: ["Electronics", "Tablets"],
              synonyms: ["tablet", "tablets", "ipad", "ipads", "e reader", "ereader", "kindle", "kindles"],
              brands: ["Apple", "Samsung", "Amazon", "Lenovo", "Microsoft"],
              isPriceVariable: true, isSized: false, budgetExamples: [200, 500, 900]),
        .init(name: "Graphics Cards", path: ["Electronics", "Computer Components", "Graphics Cards"],
              synonyms: ["graphics card", "graphics cards", "gpu", "gpus", "video card", "video cards",
                         "graphic card", "graphic cards"],
              brands: ["Nvidia", "AMD", "Asus", "MSI", "Gigabyte", "EVGA", "Zotac", "Sapphire"],
              isPriceVariable: true, isSized: false, budgetExamples: [300, 600, 1200]),
        .init(name: "Memory", path: ["Electronics", "Computer Components", "Memory"],
              synonyms: ["ram", "memory", "ram stick", "ram sticks", "ddr4", "ddr5", "dimm", "dimms",
                         "memory kit", "memory kits"],
              brands: ["Corsair", "Kingston", "G.Skill", "Crucial", "TeamGroup"],
              isPriceVariable: false, isSized: false, budgetExamples: [50, 100, 200]),
        .init(name: "Storage", path: ["Electronics", "Computer Components", "Storage"],
              synonyms: ["ssd", "ssds", "hard drive", "hard drives", "hdd", "hdds", "nvme", "external drive",
                         "external drives", "solid state drive", "solid state drives", "hard disk"],
              brands: ["Samsung", "Western Digital", "Seagate", "Crucial", "Kingston", "SanDisk"],
              isPriceVariable: true, isSized: false, budgetExamples: [60, 120, 250]),
        .init(name: "Power Supplies", path: ["Electronics", "Computer Components", "Power Supplies"],
              synonyms: ["power supply", "power supplies", "psu", "psus", "pc power supply"],
              brands: ["Corsair", "EVGA", "Seasonic", "Thermaltake", "Cooler Master"],
              isPriceVariable: true, isSized: false, budgetExamples: [60, 100, 180]),
        .init(name: "CPUs", path: ["Electronics", "Computer Components", "CPUs"],
              synonyms: ["cpu", "cpus", "processor", "processors"],
              brands: ["Intel", "AMD"],
              isPriceVariable: true, isSized: false, budgetExamples: [150, 300, 600]),
        .init(name: "Keyboards", path: ["Electronics", "Accessories", "Keyboards"],
              synonyms: ["keyboard", "keyboards"],
              brands: ["Logitech", "Corsair", "Razer", "Keychron", "SteelSeries", "HyperX", "Microsoft"],
              isPriceVariable: false, isSized: false, budgetExamples: [50, 100, 200]),
        .init(name: "Mice", path: ["Electronics", "Accessories", "Mice"],
              synonyms: ["mouse", "mice", "computer mouse", "trackball"],
              brands: ["Logitech", "Razer", "Corsair", "SteelSeries", "Microsoft", "HyperX"],
              isPriceVariable: false, isSized: false, budgetExamples: [30, 60, 120]),
        .init(name: "Smartwatches", path: ["Electronics", "Wearables", "Smartwatches"],
              synonyms: ["smartwatch", "smartwatches", "smart watch", "smart watches", "apple watch",
                         "fitness tracker", "fitness trackers", "watch", "watches"],
              brands: ["Apple", "Samsung", "Garmin", "Fitbit", "Google", "Amazfit"],
              isPriceVariable: true, isSized: false, budgetExamples: [150, 300, 500]),
        .init(name: "Running Shoes", path: ["Fashion", "Shoes", "Running Shoes"],
              synonyms: ["running shoe", "running shoes", "runners", "trainers", "jogging shoes", "running sneakers"],
              brands: ["Nike", "Adidas", "Asics", "Brooks", "New Balance", "Hoka", "Saucony", "Puma"],
              isPriceVariable: false, isSized: true, budgetExamples: [80, 120, 160]),
        .init(name: "Sneakers", path: ["Fashion", "Shoes", "Sneakers"],
              synonyms: ["sneaker", "sneakers", "kicks", "tennis shoes", "shoes", "shoe"],
              brands: ["Nike", "Adidas", "Vans", "Converse", "New Balance", "Puma", "Reebok"],
              isPriceVariable: false, isSized: true, budgetExamples: [60, 100, 150]),
        .init(name: "Boots", path: ["Fashion", "Shoes", "Boots"],
              synonyms: ["boot", "boots", "hiking boots", "work boots", "chelsea boots"],
              brands: ["Timberland", "Dr. Martens", "Merrell", "Columbia", "Red Wing", "UGG"],
              isPriceVariable: false, isSized: true, budgetExamples: [80, 150, 250]),
        .init(name: "Jackets", path: ["Fashion", "Clothing", "Jackets"],
              synonyms: ["jacket", "jackets", "coat", "coats", "parka", "parkas", "raincoat", "windbreaker",
                         "puffer", "puffer jacket"],
              brands: ["The North Face", "Patagonia", "Columbia", "Arc'teryx", "Uniqlo", "Levi's"],
              isPriceVariable: false, isSized: true, budgetExamples: [80, 150, 300]),
        .init(name: "T-Shirts", path: ["Fashion", "Clothing", "T-Shirts"],
              synonyms: ["t shirt", "t shirts", "tshirt", "tshirts", "tee", "tees", "tee shirt", "tee shirts"],
              brands: ["Nike", "Adidas", "Uniqlo", "Hanes", "Champion", "Levi's"],
              isPriceVariable: false, isSized: true, budgetExamples: [15, 30, 50]),
        .init(name: "Hoodies", path: ["Fashion", "Clothing", "Hoodies"],
              synonyms: ["hoodie", "hoodies", "hoody", "sweatshirt", "sweatshirts", "pullover", "hooded sweatshirt"],
              brands: ["Nike", "Adidas", "Champion", "Carhartt", "Under Armour"],
              isPriceVariable: false, isSized: true, budgetExamples: [30, 60, 100]),
        .init(name: "Jeans", path: ["Fashion", "Clothing", "Jeans"],
              synonyms: ["jeans", "denim", "denims", "denim jeans", "pants", "trousers"],
              brands: ["Levi's", "Wrangler", "Diesel"],
              isPriceVariable: false, isSized: true, budgetExamples: [40, 80, 150]),
        .init(name: "Backpacks", path: ["Fashion", "Bags", "Backpacks"],
              synonyms: ["backpack", "backpacks", "rucksack", "rucksacks", "knapsack", "daypack", "bookbag",
                         "laptop bag", "laptop backpack"],
              brands: ["Osprey", "The North Face", "JanSport", "Herschel", "Samsonite", "Patagonia"],
              isPriceVariable: false, isSized: false, budgetExamples: [40, 80, 150]),
        .init(name: "Coffee Makers", path: ["Home", "Kitchen", "Coffee Makers"],
              synonyms: ["coffee maker", "coffee makers", "coffee machine", "coffee machines", "espresso machine",
                         "espresso machines", "coffeemaker", "espresso maker", "drip coffee maker", "espresso"],
              brands: ["Breville", "De'Longhi", "Keurig", "Nespresso", "Cuisinart", "Mr. Coffee", "Philips"],
              isPriceVariable: true, isSized: false, budgetExamples: [50, 150, 400]),
        .init(name: "Blenders", path: ["Home", "Kitchen", "Blenders"],
              synonyms: ["blender", "blenders", "smoothie maker", "food processor", "nutribullet", "make smoothies",
                         "making smoothies", "smoothie blender", "smoothie blenders"],
              brands: ["Vitamix", "Ninja", "Blendtec", "NutriBullet", "KitchenAid", "Oster"],
              isPriceVariable: false, isSized: false, budgetExamples: [50, 100, 300]),
        .init(name: "Air Fryers", path: ["Home", "Kitchen", "Air Fryers"],
              synonyms: ["air fryer", "air fryers", "airfryer", "airfryers"],
              brands: ["Ninja", "Philips", "Cosori", "Chefman"],
              isPriceVariable: false, isSized: false, budgetExamples: [60, 100, 200]),
        .init(name: "Vacuum Cleaners", path: ["Home", "Appliances", "Vacuum Cleaners"],
              synonyms: ["vacuum", "vacuums", "vacuum cleaner", "vacuum cleaners", "hoover", "robot vacuum",
                         "robot vacuums", "roomba", "stick vacuum"],
              brands: ["Dyson", "Shark", "iRobot", "Bissell", "Hoover", "Roborock", "Eufy"],
              isPriceVariable: true, isSized: false, budgetExamples: [150, 300, 600]),
        .init(name: "Office Chairs", path: ["Home", "Furniture", "Office Chairs"],
              synonyms: ["office chair", "office chairs", "desk chair", "desk chairs", "chair", "chairs"],
              brands: ["Herman Miller", "Steelcase", "Secretlab", "IKEA"],
              isPriceVariable: true, isSized: false, budgetExamples: [150, 400, 900]),
        .init(name: "Desks", path: ["Home", "Furniture", "Desks"],
              synonyms: ["desk", "desks", "standing desk", "standing desks", "standup desk", "computer desk",
                         "writing desk", "sit stand desk"],
              brands: ["IKEA", "Uplift", "FlexiSpot"],
              isPriceVariable: true, isSized: false, budgetExamples: [150, 400, 800]),
        .init(name: "Skincare", path: ["Beauty", "Skincare"],
              synonyms: ["skincare", "skin care", "moisturizer", "moisturiser", "moisturizers", "serum", "serums",
                         "sunscreen", "cleanser", "face cream", "face wash", "lotion"],
              brands: ["CeraVe", "The Ordinary", "La Roche-Posay", "Neutrogena", "Clinique", "Olay", "Cetaphil"],
              isPriceVariable: false, isSized: false, budgetExamples: [15, 30, 60]),
        .init(name: "Building Sets", path: ["Toys", "Building Sets"],
              synonyms: ["building set", "building sets", "lego", "legos", "lego set", "lego sets", "building blocks",
                         "construction set", "building toy", "building toys"],
              brands: ["LEGO", "Mega Bloks", "K'NEX", "Playmobil"],
              isPriceVariable: false, isSized: false, budgetExamples: [30, 80, 200]),
        .init(name: "Tents", path: ["Outdoors", "Camping", "Tents"],
              synonyms: ["tent", "tents", "camping tent", "camping tents", "backpacking tent", "shelter"],
              brands: ["Coleman", "REI", "Big Agnes", "MSR", "Marmot", "NEMO"],
              isPriceVariable: true, isSized: false, budgetExamples: [100, 250, 500]),
        .init(name: "Yoga Mats", path: ["Sports", "Fitness", "Yoga Mats"],
              synonyms: ["yoga mat", "yoga mats", "exercise mat", "exercise mats", "workout mat", "gym mat", "mat"],
              brands: ["Manduka", "Lululemon", "Gaiam", "Liforme", "JadeYoga"],
              isPriceVariable: false, isSized: false, budgetExamples: [20, 50, 100]),
        .init(name: "Books", path: ["Media", "Books"],
              synonyms: ["book", "books", "novel", "novels", "paperback", "paperbacks", "hardcover", "hardcovers",
                         "ebook", "ebooks", "audiobook", "audiobooks"],
              brands: ["Penguin", "HarperCollins", "O'Reilly", "Random House"],
              isPriceVariable: false, isSized: false, budgetExamples: [10, 20, 40]),
    ]

    /// The built-in vocabulary: good enough on its own when the catalog cannot be reached.
    static let vocabulary = CatalogVocabulary(
        categories: knowledge.enumerated().map { index, entry in
            // Earlier entries are the more common requests: they head the clarifying examples.
            CatalogVocabulary.Category(name: entry.name, path: entry.path, count: knowledge.count - index)
        },
        brands: {
            var brands: [CatalogVocabulary.Brand] = []
            var at: [String: Int] = [:]
            for entry in knowledge {
                for brand in entry.brands {
                    let key = brand.lowercased()
                    let index: Int
                    if let known = at[key] {
                        index = known
                    } else {
                        index = brands.count
                        at[key] = index
                        brands.append(CatalogVocabulary.Brand(name: brand, count: 0))
                    }
                    for node in entry.path where !brands[index].categories.contains(node) { brands[index].categories.append(node) }
                }
            }
            return brands
        }())
}

extension CatalogVocabulary {
    /// The built-in vocabulary: the categories and brands a shopping catalog commonly has.
    public static var builtIn: CatalogVocabulary { BuiltInVocabulary.vocabulary }
}
