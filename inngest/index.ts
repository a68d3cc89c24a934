import type { InngestFunction } from "inngest";
import { diagnosticsNoop } from "@/inngest/functions/diagnostics-noop";

// Every function the app serves. A function missing here never runs anywhere.
export const functions: InngestFunction.Any[] = [diagnosticsNoop];
