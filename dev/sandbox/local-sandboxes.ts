import { localFreeAgent } from "./freeagent/local";
import { localGa4 } from "./ga4/local";
import type { LocalSandbox } from "./local-sandbox";
import { localShipBob } from "./shipbob/local";
import { localShopify } from "./shopify/local";

/** Every provider's sandbox `npm run dev` starts, in this order: a provider's sandbox adds one entry. */
export const LOCAL_SANDBOXES: readonly LocalSandbox[] = [localShopify, localShipBob, localFreeAgent, localGa4];
