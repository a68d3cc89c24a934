import { serve } from "inngest/next";
import { inngest, inngestServeLocation } from "@/inngest/client";
import { functions } from "@/inngest/index";

// What app/api/inngest/route.ts serves: every function, at the fixed location the app syncs with.
export const { GET, POST, PUT } = serve({ client: inngest, functions, ...inngestServeLocation() });
