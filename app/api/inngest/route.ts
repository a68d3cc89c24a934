import { serve } from "inngest/next";
import { inngest, inngestServeLocation } from "@/inngest/client";
import { functions } from "@/inngest/index";

export const { GET, POST, PUT } = serve({ client: inngest, functions, ...inngestServeLocation() });

// Steps of long syncs may run for minutes; Vercel's default limit would cut them short.
export const maxDuration = 300;
