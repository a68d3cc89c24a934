// The topics now live with the connector (they are what Shopify's afterConnect subscribes to);
// receive and process still import them from here until the webhook part moves there too.
export * from "@/server/connectors/shopify/webhook-topics";
