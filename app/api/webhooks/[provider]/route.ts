import { after } from "next/server";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

// Every provider's deliveries: /api/webhooks/<provider slug> (Shopify's app settings name
// /api/webhooks/shopify). The reply goes once the delivery is stored; its event is sent after it.
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const { status, body, afterResponse } = await receiveWebhook(request, provider);
  if (afterResponse) after(afterResponse);
  return Response.json(body, { status });
}
