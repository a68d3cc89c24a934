export { startShipBobSandbox, FAULT_POINTS, type FaultPoint, type ShipBobSandbox, type ShipBobSandboxOptions, type ShipBobDelivery, type SnapshotProjection } from "./server";
export { API_VERSION, SHIPBOB_DEV, RATE_LIMIT, TOKEN_LIFETIMES, WEBHOOK_TOPICS, type WebhookTopic } from "./config";
export { CHANNELS, PAT_CHANNEL, SHIPBOB_DEFAULT_CHANNEL, STORE_CHANNEL, type ChannelRecord, type Volume, type GeneratorOptions } from "./generate";
export { ManualClock, systemClock, type Clock } from "../_kit/clock";
