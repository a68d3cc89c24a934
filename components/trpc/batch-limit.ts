// The most calls one tRPC HTTP request may carry. The browser's batch link splits at this size and
// the API route refuses anything larger with a 400, so one request cannot make the server run
// hundreds of procedures. A page batches about ten calls at most; the margin is for pages with
// many connections.
export const TRPC_MAX_BATCH_SIZE = 50;
