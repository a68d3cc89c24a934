import { after } from "next/server";
import { receiveShopifyWebhook } from "@/server/services/shopify/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { status, body, afterResponse } = await receiveShopifyWebhook(request);
  if (afterResponse) after(afterResponse);
  return Response.json(body, { status });
}
