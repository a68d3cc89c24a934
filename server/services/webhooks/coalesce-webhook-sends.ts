import "server-only";
import { queueWebhookEvents, type SendWebhookEvents, type WebhookEventToQueue } from "./queue-webhook-events";

// The intake hands each stored delivery to Inngest after its response. One event API request and
// one UPDATE per delivery cost the app about as much CPU as the acknowledgement itself, and under
// a burst (a bulk edit in the store sends hundreds a second) that CPU delays the acknowledgements
// behind them. Deliveries stored within the same few milliseconds by one process go out together:
// one request with every event (Inngest's event API takes an array), one UPDATE for their rows.
// A lone delivery waits at most the window; nothing is lost if the process dies meanwhile (the
// rows are committed, and the scheduler sends what was never sent).

/** How long a delivery waits for others to join its send. */
export const COALESCE_WINDOW_MS = 20;
/** A batch this large goes out at once. */
export const COALESCE_MAX_BATCH = 100;

type Pending = { rows: WebhookEventToQueue[]; done: Promise<void>; release: () => void; timer?: ReturnType<typeof setTimeout> };

const DEFAULT_SENDER = Symbol("default sender");
const pendingBySender = new Map<SendWebhookEvents | typeof DEFAULT_SENDER, Pending>();

function flush(key: SendWebhookEvents | typeof DEFAULT_SENDER, batch: Pending): Promise<void> {
  if (pendingBySender.get(key) === batch) pendingBySender.delete(key);
  if (batch.timer) clearTimeout(batch.timer);
  batch.release();
  return batch.done;
}

/**
 * Sends the row's event with the others queued by this process within COALESCE_WINDOW_MS, and
 * records the send. Resolves once its batch is sent; rejects, like every other row of the batch,
 * when the send or the record fails.
 */
export function queueWebhookEventSoon(row: WebhookEventToQueue, deps: { sendEvents?: SendWebhookEvents } = {}): Promise<void> {
  const key = deps.sendEvents ?? DEFAULT_SENDER;
  let batch = pendingBySender.get(key);
  if (!batch) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const rows: WebhookEventToQueue[] = [];
    const created: Pending = { rows, release, done: released.then(() => queueWebhookEvents(rows, deps)) };
    created.timer = setTimeout(() => void flush(key, created), COALESCE_WINDOW_MS);
    pendingBySender.set(key, created);
    batch = created;
  }
  batch.rows.push(row);
  if (batch.rows.length >= COALESCE_MAX_BATCH) return flush(key, batch);
  return batch.done;
}
