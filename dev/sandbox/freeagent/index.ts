export { startFreeAgentSandbox, FAULT_POINTS, type FaultPoint, type FreeAgentSandbox, type FreeAgentSandboxOptions, type SnapshotProjection } from "./server";
export { ACCESS, ADMIN_USER_ID, DEMO_USERS, FREEAGENT_DEV, MIN_LEVEL, RATE_LIMITS, TOKEN_LIFETIMES } from "./config";
export { demoPayouts, MAIN_ACCOUNT_ID, type GeneratorOptions, type Payout, type PlantedPayout, type PlantKind, type Volume } from "./generate";
export { ManualClock, systemClock, type Clock } from "../_kit/clock";
