import type { InngestFunction } from "inngest";

// Every function the app serves. A function missing here never runs anywhere.
export const functions: InngestFunction.Any[] = [];
