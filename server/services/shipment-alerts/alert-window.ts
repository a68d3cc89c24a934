// A workspace's shipment alert window opens with its oldest pending entry: everything that enters
// an alerted status in the meantime goes out in one email when the window has passed (at the
// next request tick, every 5 minutes), so a steady stream of exceptions is one email per window,
// never one per shipment.
export const SHIPMENT_ALERT_WINDOW_MS = 15 * 60_000;

// One email takes at most this many entries (older first; later ones go in the next email, already
// due), and lists the first SHIPMENT_ALERT_LISTED of them in detail, counting the rest: the
// Fulfilment page has them all, and the entries travel as a step's output.
export const SHIPMENT_ALERT_BATCH = 1_000;
export const SHIPMENT_ALERT_LISTED = 50;
