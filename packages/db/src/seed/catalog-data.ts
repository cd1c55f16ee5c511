/**
 * The vocabulary of the generated catalog: per category, names are
 * adjective × material × noun, priced from the noun's base price.
 */
export interface CategoryData {
  name: string;
  skuPrefix: string;
  /** Relative share of the catalog. */
  weight: number;
  adjectives: readonly string[];
  /** A material, finish, scent or origin, with a price factor. */
  materials: readonly (readonly [name: string, priceFactor: number])[];
  /** The product kind, with its typical price in cents. */
  nouns: readonly (readonly [name: string, basePriceCents: number])[];
  /** Materials are proper adjectives (origins): keep their capitals inside sentences. */
  properMaterials?: boolean;
  /** Sentences about the product; `{noun}` and `{material}` are filled in, lower-cased. */
  features: readonly string[];
  closings: readonly string[];
}

// biome-ignore format: one line per vocabulary list reads better than one word per line
export const CATEGORIES: readonly CategoryData[] = [
  {
    name: 'Kitchen',
    skuPrefix: 'KIT',
    weight: 1.2,
    adjectives: ['Classic', 'Everyday', 'Professional', 'Compact', 'Nordic', 'Rustic', 'Artisan', 'Heritage', 'Modern', 'Essential'],
    materials: [['Stainless Steel', 1.1], ['Cast Iron', 1.2], ['Ceramic', 1], ['Bamboo', 0.8], ['Copper', 1.6], ['Glass', 0.9], ['Enamel', 1.3], ['Olive Wood', 1.2]],
    nouns: [["Chef's Knife", 4500], ['Skillet', 3900], ['Saucepan', 4200], ['Cutting Board', 2400], ['Mixing Bowl Set', 2900], ['Dutch Oven', 8900], ['Colander', 1800], ['Measuring Cups', 1400], ['French Press', 3200], ['Utensil Set', 2600], ['Tea Kettle', 3500], ['Baking Sheet', 1900]],
    features: [
      'Made from {material} that heats evenly and cleans up in seconds.',
      'Built from {material} for years of daily cooking.',
      'Moves from stovetop to table without a second thought.',
      'Balanced weight and a comfortable grip make every use a pleasure.',
    ],
    closings: ['Dishwasher safe.', 'Hand wash recommended to keep the finish.', 'Backed by a lifetime warranty.'],
  },
  {
    name: 'Home Decor',
    skuPrefix: 'HOM',
    weight: 1,
    adjectives: ['Coastal', 'Minimal', 'Boho', 'Mid-Century', 'Scandi', 'Vintage', 'Serene', 'Golden Hour', 'Farmhouse', 'Studio'],
    materials: [['Linen', 1], ['Wool', 1.3], ['Rattan', 0.9], ['Marble', 1.6], ['Oak', 1.3], ['Brass', 1.4], ['Velvet', 1.1], ['Terracotta', 0.8]],
    nouns: [['Throw Pillow', 3400], ['Table Lamp', 7900], ['Wall Clock', 4400], ['Vase', 2900], ['Picture Frame', 1900], ['Scented Candle', 2200], ['Throw Blanket', 5900], ['Round Mirror', 8900], ['Planter', 2600], ['Area Rug', 14900], ['Bookends', 3200]],
    features: [
      'Brings warmth to any room with the texture of {material}.',
      'A quiet, timeless shape that works with every style.',
      'Crafted in {material} with a hand-finished look.',
      'Pairs well with natural light and plenty of plants.',
    ],
    closings: ['Each piece varies slightly.', 'Spot clean only.', 'Ships gift-ready.'],
  },
  {
    name: 'Electronics',
    skuPrefix: 'ELE',
    weight: 1.1,
    adjectives: ['Nova', 'Pulse', 'Zen', 'Apex', 'Orbit', 'Flux', 'Vertex', 'Echo', 'Halo', 'Spark'],
    materials: [['Graphite', 1], ['Aluminum', 1.2], ['Arctic White', 1], ['Midnight', 1.05], ['Carbon', 1.25], ['Slate', 0.95]],
    nouns: [['Wireless Earbuds', 7900], ['Bluetooth Speaker', 5900], ['USB-C Charger', 2900], ['Power Bank', 3900], ['Smart Plug', 1999], ['LED Desk Lamp', 4500], ['Over-Ear Headphones', 12900], ['HD Webcam', 6900], ['Mechanical Keyboard', 8900], ['Wireless Mouse', 3900], ['Charging Cable', 1299], ['Phone Stand', 1999]],
    features: [
      'Sets up in seconds and just works, day after day.',
      'A {material} finish that resists fingerprints and scratches.',
      'Low-latency, energy-efficient and ready for work or play.',
      'Compact enough for a bag, solid enough for the desk.',
    ],
    closings: ['Includes a USB-C cable.', 'Two-year limited warranty.', 'Firmware updates over the air.'],
  },
  {
    name: 'Apparel',
    skuPrefix: 'APP',
    weight: 1.3,
    adjectives: ['Relaxed', 'Slim', 'Heritage', 'Weekend', 'Classic', 'Everyday', 'Coastal', 'Alpine', 'Urban', 'Vintage'],
    materials: [['Organic Cotton', 1], ['Merino Wool', 1.5], ['Linen', 1.2], ['Fleece', 1], ['Denim', 1.2], ['Cashmere Blend', 1.9], ['Recycled Nylon', 1.1], ['Flannel', 1.05]],
    nouns: [['T-Shirt', 2200], ['Hoodie', 5400], ['Crewneck Sweater', 6900], ['Chinos', 5900], ['Rain Jacket', 11900], ['Beanie', 2400], ['Scarf', 3400], ['Socks 3-Pack', 1600], ['Oxford Shirt', 4900], ['Joggers', 4400]],
    features: [
      'Cut from {material} for comfort and easy layering.',
      'Soft from the first wear and better with every wash.',
      'Made with {material} from responsibly sourced mills.',
      'A true-to-size fit with room to move.',
    ],
    closings: ['Machine wash cold, tumble dry low.', 'Free returns within 30 days.', 'Available in sizes XS–XXL.'],
  },
  {
    name: 'Outdoor',
    skuPrefix: 'OUT',
    weight: 0.8,
    adjectives: ['Summit', 'Trail', 'Basecamp', 'Ridge', 'Canyon', 'Timberline', 'Backcountry', 'Ranger', 'Explorer', 'Switchback'],
    materials: [['Ripstop Nylon', 1], ['Aluminum', 1.1], ['Insulated Steel', 1.05], ['Canvas', 0.95], ['Titanium', 1.7], ['Recycled Polyester', 0.9]],
    nouns: [['2-Person Tent', 18900], ['Sleeping Bag', 12900], ['30L Backpack', 8900], ['Water Bottle', 2900], ['Camp Chair', 4900], ['Headlamp', 3400], ['Hammock', 5900], ['Trekking Poles', 6900], ['Cooler', 9900], ['Camp Lantern', 3900]],
    features: [
      'Trail-tested {material} that shrugs off wind, rain and rough handling.',
      'Packs down small and sets up fast.',
      'Light enough for long days, tough enough for many seasons.',
      'Designed with guides who spend more nights outside than in.',
    ],
    closings: ['Repairs covered for life.', 'Weight and packed size on the label.', 'Leave no trace.'],
  },
  {
    name: 'Beauty',
    skuPrefix: 'BTY',
    weight: 0.9,
    adjectives: ['Gentle', 'Daily', 'Radiant', 'Pure', 'Botanical', 'Hydrating', 'Calming', 'Fresh', 'Soothing', 'Revive'],
    materials: [['Lavender', 1], ['Rose', 1.15], ['Charcoal', 1], ['Aloe', 0.9], ['Vitamin C', 1.3], ['Sea Salt', 0.95], ['Shea Butter', 1.05], ['Eucalyptus', 1], ['Green Tea', 1], ['Argan', 1.25]],
    nouns: [['Face Serum', 3200], ['Hand Cream', 1400], ['Shampoo', 1800], ['Conditioner', 1800], ['Body Wash', 1500], ['Lip Balm', 600], ['Clay Mask', 2200], ['Beard Oil', 2400], ['Sunscreen SPF 30', 1900], ['Body Lotion', 1700]],
    features: [
      'Leaves skin soft, never greasy, with a touch of {material}.',
      'Clean ingredients, dermatologist tested and kind to sensitive skin.',
      'A light {material} scent that fades gently through the day.',
      'Vegan and cruelty-free, in a recyclable bottle.',
    ],
    closings: ['For external use only.', 'Free of parabens and sulfates.', 'Made in small batches.'],
  },
  {
    name: 'Toys & Games',
    skuPrefix: 'TOY',
    weight: 0.8,
    adjectives: ['Happy', 'Little', 'Clever', 'Rainbow', 'Galaxy', 'Jungle', 'Ocean', 'Dino', 'Rocket', 'Sunny'],
    materials: [['Wooden', 1.1], ['Magnetic', 1.2], ['Plush', 0.9], ['Cardboard', 0.7], ['Eco-Plastic', 0.9], ['Felt', 0.85]],
    nouns: [['1000-Piece Puzzle', 2400], ['Building Blocks Set', 3900], ['Board Game', 3400], ['Teddy Bear', 2200], ['Stunt Kite', 2900], ['Card Game', 1500], ['Train Set', 6900], ['Marble Run', 4900], ['Dollhouse', 12900], ['Yo-Yo', 800]],
    features: [
      'Hours of fun for curious minds aged 4 and up.',
      'Sturdy {material} pieces made to survive enthusiastic play.',
      'Encourages problem solving, creativity and a little friendly competition.',
      'Easy to learn, hard to put down.',
    ],
    closings: ['Meets EN71 and ASTM safety standards.', 'Not suitable for children under 3.', 'Batteries not required.'],
  },
  {
    name: 'Sports & Fitness',
    skuPrefix: 'SPT',
    weight: 0.9,
    adjectives: ['Core', 'Flex', 'Power', 'Endurance', 'Agile', 'Balance', 'Velocity', 'Peak', 'Strive', 'Momentum'],
    materials: [['Cork', 1.1], ['Natural Rubber', 1], ['Neoprene', 0.95], ['Cast Iron', 1.1], ['TPE', 0.85], ['Nylon', 0.9]],
    nouns: [['Yoga Mat', 3900], ['Dumbbell Pair', 5900], ['Resistance Bands', 2200], ['Jump Rope', 1400], ['Foam Roller', 2600], ['Kettlebell', 4900], ['Running Belt', 1900], ['Gym Bag', 4400], ['Tennis Balls 3-Pack', 699], ['Basketball', 2999]],
    features: [
      'Built from {material} for daily training, at home or at the gym.',
      'Non-slip, easy to clean and ready for high-intensity sessions.',
      'Trusted by coaches for strength, mobility and recovery work.',
      'Compact storage, serious results.',
    ],
    closings: ['Wipe clean after use.', 'One-year warranty.', 'Includes a quick-start workout guide.'],
  },
  {
    name: 'Office',
    skuPrefix: 'OFF',
    weight: 0.8,
    adjectives: ['Studio', 'Executive', 'Minimal', 'Daily', 'Atelier', 'Scholar', 'Focus', 'Archive', 'Draft', 'Ledger'],
    materials: [['Leather', 1.5], ['Recycled Paper', 0.8], ['Walnut', 1.4], ['Felt', 1], ['Brass', 1.3], ['Acrylic', 0.9], ['Kraft', 0.75], ['Powder-Coated Steel', 1.1]],
    nouns: [['Notebook', 1400], ['Fountain Pen', 4900], ['Desk Organizer', 2900], ['Weekly Planner', 2400], ['Sticky Notes', 599], ['Gel Pens 10-Pack', 1099], ['Monitor Stand', 4900], ['Letter Tray', 1900], ['Desk Mat', 2900], ['Document Folder', 1299]],
    features: [
      'In {material}, it keeps the desk tidy and the mind clear.',
      'Thoughtful details for people who still like writing things down.',
      'Smooth, quiet and built to be used every working day.',
      'Looks as good on a home desk as in the office.',
    ],
    closings: ['Acid-free paper where paper is used.', 'Plastic-free packaging.', 'Designed in-house.'],
  },
  {
    name: 'Pantry',
    skuPrefix: 'PAN',
    properMaterials: true,
    weight: 1,
    adjectives: ['Organic', 'Small-Batch', 'Single-Origin', 'Stone-Ground', 'Wildflower', 'Smoked', 'Roasted', 'Heirloom', 'Farmhouse', 'Artisan'],
    materials: [['Ethiopian', 1.1], ['Colombian', 1], ['Sicilian', 1.15], ['Vermont', 1.1], ['Oaxacan', 1.05], ['Japanese', 1.2], ['Provençal', 1.15], ['Californian', 1]],
    nouns: [['Coffee Beans', 1599], ['Loose Leaf Tea', 1299], ['Olive Oil', 1899], ['Honey', 1199], ['Dark Chocolate', 499], ['Granola', 799], ['Dried Pasta', 399], ['Hot Sauce', 699], ['Maple Syrup', 1499], ['Spice Blend', 899]],
    features: [
      '{material} {noun}, sourced directly from growers we know by name.',
      'Deep, balanced flavour with nothing artificial added.',
      'Packed fresh in small lots for the best taste.',
      'A pantry staple worth keeping a spare of.',
    ],
    closings: ['Store in a cool, dry place.', 'Best before date on the pack.', 'Certified organic where noted.'],
  },
];

/**
 * Parents over some of the categories above, so the demo shows the hierarchy: products sit
 * in the categories above; a parent holds none of its own, and filtering by it lists its
 * children's.
 */
export const CATEGORY_PARENTS: readonly { name: string; children: readonly string[] }[] = [
  { name: 'Home & Living', children: ['Kitchen', 'Home Decor'] },
  { name: 'Sports & Outdoors', children: ['Outdoor', 'Sports & Fitness'] },
];
