/** Page sizes per stream, chosen so each page's requested cost stays under 1000 points. */
export const PAGE_SIZES = { orders: 10, customers: 200, products: 20, locations: 250, inventoryLevels: 200, deletionEvents: 250 } as const;
