import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import ShipmentAlertEmail, { shipmentAlertSubject, type AlertedShipment, type ShipmentAlertEmailProps } from "./shipment-alert";

const exception: AlertedShipment = {
  status: "Exception",
  since: "2026-03-12T14:05:09.000Z",
  storeOrder: { name: "#1042", url: "https://m.test/w/acme/orders/ord_1" },
  providerName: "ShipBob",
  orderExternalId: "5001",
  shipmentExternalId: "9001",
  centre: "Cicero (IL)",
  carrier: "UPS",
  trackingNumber: "1Z999",
  trackingUrl: "https://track.example.test/1Z999",
};
const onHold: AlertedShipment = {
  ...exception,
  status: "OnHold",
  // 04:09 UTC: still the day before in New York.
  since: "2026-03-13T04:09:00.000Z",
  storeOrder: { name: "7001", url: null },
  shipmentExternalId: "9002",
  centre: null,
  carrier: null,
  trackingNumber: null,
  trackingUrl: "javascript:alert(1)",
};
const props: ShipmentAlertEmailProps = {
  workspaceName: "Acme Ops",
  timeZone: "America/New_York",
  shipments: [exception],
  moreShipments: 0,
  fulfilmentUrl: "https://m.test/w/acme/fulfilment?status=exception",
  settingsUrl: "https://m.test/w/acme/settings/notifications",
};

describe("ShipmentAlertEmail", () => {
  it("lists each shipment: its store order linked, the 3PL's ids and centre, carrier and tracking, status and since when", async () => {
    const html = await render(<ShipmentAlertEmail {...props} />);
    expect(html).toContain(`href="https://m.test/w/acme/orders/ord_1"`);
    expect(html).toContain(`href="https://track.example.test/1Z999"`);
    expect(html.match(/href="https:\/\/m.test\/w\/acme\/fulfilment\?status=exception"/g)).toHaveLength(2);
    expect(html).toContain(`href="https://m.test/w/acme/settings/notifications"`);

    const text = await render(<ShipmentAlertEmail {...props} />, { plainText: true });
    expect(text).toContain("SHIPMENTS ENTERED EXCEPTION");
    expect(text).toContain("Order #1042");
    expect(text).toContain("Exception since Mar 12, 2026, 10:05 AM EDT");
    expect(text).toContain("ShipBob order 5001, shipment 9001, from Cicero (IL)");
    expect(text).toContain("Carrier: UPS 1Z999");
    expect(text).toContain("turn off shipment alert emails in your notification settings");
    expect(shipmentAlertSubject(props)).toBe("[Acme Ops] 1 shipment entered Exception");
  });

  it("says On hold in words, links no unsynced order or non-http tracking, and counts the shipments it does not list", async () => {
    const many = { ...props, shipments: [exception, onHold], moreShipments: 3 };
    const html = await render(<ShipmentAlertEmail {...many} />);
    expect(html).not.toContain("javascript:");
    const text = await render(<ShipmentAlertEmail {...many} />, { plainText: true });
    expect(text).toContain("Order 7001 — On hold since Mar 13, 2026, 12:09 AM EDT");
    expect(text).toContain("ShipBob order 5001, shipment 9002\n");
    expect(text).toContain("No carrier or tracking yet");
    expect(text).toContain("And 3 more shipments.");
    expect(shipmentAlertSubject(many)).toBe("[Acme Ops] 5 shipments entered Exception or On hold");
  });
});
