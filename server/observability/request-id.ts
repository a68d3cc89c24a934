export const REQUEST_ID_HEADER = "x-request-id";

// An incoming id is kept only when it looks like an id: it ends up in every log line of the
// request, so arbitrary client text (newlines, huge strings) must not pass through.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function getRequestId(headers: Pick<Headers, "get">): string {
  const incoming = headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
