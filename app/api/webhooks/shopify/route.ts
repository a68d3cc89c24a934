import { receiveShopifyWebhook } from "@/server/services/shopify/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { status, body } = await receiveShopifyWebhook(request);
  return Response.json(body, { status });
}
