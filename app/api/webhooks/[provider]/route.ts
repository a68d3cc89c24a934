import { after } from "next/server";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

// Every provider's deliveries, at /api/webhooks/<provider slug>: the address providers are given
// (by subscriptions, or in an app's settings), so a slug never changes. The reply goes once the
// delivery is stored; its event is sent after it.
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const { status, body, afterResponse } = await receiveWebhook(request, provider);
  if (afterResponse) after(afterResponse);
  return Response.json(body, { status });
}
