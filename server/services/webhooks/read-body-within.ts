/**
 * The request body as text, or null as soon as it passes `maxBytes`: reading stops there and the
 * stream is cancelled, so an oversized body costs at most `maxBytes` of memory whatever its
 * Content-Length says (or leaves unsaid, when chunked).
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
