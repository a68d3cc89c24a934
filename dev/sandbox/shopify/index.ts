export { startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from "./server";
export type { SandboxShop, ShopOptions, AppCredentials } from "./shop";
export { ManualClock, systemClock, type Clock } from "./clock";
export type { FaultSpec, FaultKind, FaultPoint } from "./faults";
export { WEBHOOK_TOPICS, type WebhookTopic, type WebhookDelivery, type WebhookOptions } from "./webhooks";
export { queryHmac, signQuery, webhookHmac } from "./hmac";
