export { GET, POST, PUT } from "@/inngest/serve";

// Steps of long syncs may run for minutes; Vercel's default limit would cut them short.
export const maxDuration = 300;
