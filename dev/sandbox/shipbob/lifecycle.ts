// How a shipment, a return and a receiving order move: the steps ShipBob's timeline shows, the
// status each step gives, and the webhook topic a change sends. Changes happen at the sandbox
// clock's "now".
export const DAY = 86_400_000;

export type ReceivingStatus = "Awaiting" | "Arrived" | "Processing" | "Completed";

export interface ReceivingRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
  purchaseOrderNumber: string;
  centreId: number;
  expectedArrivalAt: number;
  status: ReceivingStatus;
  history: { status: ReceivingStatus; at: number }[];
  quantities: { inventoryId: number; sku: string; expected: number; received: number; stowed: number }[];
}

/** The steps of a shipment's timeline, in order (log types as `GET /shipment/{id}/timeline` names them). */
export const SHIPMENT_STEPS = [
  { logTypeId: 1, name: "OrderPlacedStoreIntegration", text: "Order placed", status: "Processing" },
  { logTypeId: 2, name: "Picked", text: "Picked", status: "Processing" },
  { logTypeId: 3, name: "Packed", text: "Packed", status: "Processing" },
  { logTypeId: 4, name: "LabelCreated", text: "Label created", status: "LabeledCreated" },
  { logTypeId: 5, name: "Shipped", text: "Shipped", status: "Completed" },
  { logTypeId: 6, name: "InTransit", text: "In transit", status: "Completed" },
  { logTypeId: 7, name: "Delivered", text: "Delivered", status: "Completed" },
] as const;
export const SHIPPED_STEP = 4;
export const DELIVERED_STEP = 6;

export type HoldStatus = "Exception" | "OnHold" | "Cancelled";

export interface ShipmentRecord {
  id: number;
  centreId: number;
  createdAt: number;
  /** The steps reached, each with when. */
  events: { step: number; at: number }[];
  /** A shipment taken off its path: held, in exception or cancelled, since `at`. */
  hold: { status: HoldStatus; at: number } | null;
  carrier: string;
  service: string;
  trackingNumber: string;
  estimatedFulfillmentAt: number;
  lines: { inventoryId: number; sku: string; name: string; quantity: number }[];
}

export function stepOf(shipment: ShipmentRecord): number {
  return shipment.events[shipment.events.length - 1]!.step;
}

export function shipmentStatus(shipment: ShipmentRecord): string {
  return shipment.hold?.status ?? SHIPMENT_STEPS[stepOf(shipment)]!.status;
}

export function atOf(shipment: ShipmentRecord, step: number): number | null {
  return shipment.events.find((e) => e.step === step)?.at ?? null;
}

/** Whether a control can still move it: neither delivered nor cancelled. */
export function isOpen(shipment: ShipmentRecord): boolean {
  return shipment.hold?.status !== "Cancelled" && stepOf(shipment) < DELIVERED_STEP;
}

/**
 * The shipment one step on at `now` (a held one is released first), and the topic ShipBob sends
 * for it, if any: shipping and delivery are announced, the steps between are not.
 */
export function advanceShipment(shipment: ShipmentRecord, now: number): { shipment: ShipmentRecord; topic: "order.shipped" | "order.shipment.delivered" | null } {
  if (shipment.hold && shipment.hold.status !== "Cancelled") return { shipment: { ...shipment, hold: null }, topic: null };
  const step = stepOf(shipment) + 1;
  const next = { ...shipment, events: [...shipment.events, { step, at: now }] };
  return { shipment: next, topic: step === SHIPPED_STEP ? "order.shipped" : step === DELIVERED_STEP ? "order.shipment.delivered" : null };
}

export const HOLD_TOPICS = { Exception: "order.shipment.exception", OnHold: "order.shipment.on_hold", Cancelled: "order.shipment.cancelled" } as const;

export function holdShipment(shipment: ShipmentRecord, status: HoldStatus, now: number): ShipmentRecord {
  return { ...shipment, hold: { status, at: now } };
}

const RECEIVING_NEXT: Partial<Record<ReceivingStatus, ReceivingStatus>> = { Awaiting: "Arrived", Arrived: "Processing", Processing: "Completed" };

export const isReceivingOpen = (wro: ReceivingRecord) => RECEIVING_NEXT[wro.status] !== undefined;

/**
 * The receiving order one status on at `now`, with what it received by then per line: arrived at
 * the dock, nothing counted yet; processing, at least half of each line received and half of that
 * stowed; completed, everything expected received and stowed.
 */
export function advanceReceiving(wro: ReceivingRecord, now: number): { wro: ReceivingRecord; received: { inventoryId: number; quantity: number }[] } {
  const status = RECEIVING_NEXT[wro.status];
  if (!status) throw new Error(`Receiving order ${wro.id} is ${wro.status}`);
  const quantities = wro.quantities.map((q) => {
    if (status === "Completed") return { ...q, received: q.expected, stowed: q.expected };
    if (status === "Processing") {
      const received = Math.max(q.received, Math.ceil(q.expected / 2));
      return { ...q, received, stowed: Math.max(q.stowed, Math.floor(received / 2)) };
    }
    return q;
  });
  const received = quantities.map((q, i) => ({ inventoryId: q.inventoryId, quantity: q.received - wro.quantities[i]!.received })).filter((r) => r.quantity > 0);
  return { wro: { ...wro, status, updatedAt: now, history: [...wro.history, { status, at: now }], quantities }, received };
}
