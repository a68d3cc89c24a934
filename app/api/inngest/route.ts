import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/index";

export const { GET, POST, PUT } = serve({ client: inngest, functions });

// Steps of long syncs may run for minutes; Vercel's default limit would cut them short.
export const maxDuration = 300;
