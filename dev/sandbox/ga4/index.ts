export { startGa4Sandbox, type Ga4Sandbox, type Ga4SandboxOptions } from "./server";
export { DEMO_PROPERTY, GA4_DEV, KEY_DOWNLOAD_PATH, QUOTAS, SCOPES, SECOND_PROPERTY } from "./config";
export { accountSummariesResponse, propertyResource } from "./admin";
export { generatedPurchases, LOSS_RATES, OTHER_CURRENCY, purchasesFrom, type Ga4Property, type PlantedOrder, type PurchaseEvent, type Treatment } from "./generate";
export { JWT_BEARER, type ServiceAccountKeyFile } from "./token-endpoint";
