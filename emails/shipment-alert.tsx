import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { httpUrl, shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { formatEmailTime } from "./email-time";
import { AlertFooter } from "./job-alert-parts";
import { EmailLayout, emailStyles } from "./layout";

export type AlertedShipment = {
  /** The status it entered, as the 3PL sends it ("Exception", "OnHold"). */
  status: string;
  /** ISO time of the 3PL's copy that brought the status. */
  since: string;
  /** The store order it fulfils: its name, linked to its page when that order is synced. */
  storeOrder: { name: string; url: string | null } | null;
  /** The 3PL's name ("ShipBob") and its ids of the order and the shipment. */
  providerName: string;
  orderExternalId: string;
  shipmentExternalId: string;
  centre: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
};

export type ShipmentAlertEmailProps = {
  workspaceName: string;
  /** The workspace's zone, the one its times are shown in. */
  timeZone: string;
  shipments: AlertedShipment[];
  /** Shipments that entered those statuses too but are not listed (the email lists a bounded number). */
  moreShipments: number;
  fulfilmentUrl: string;
  settingsUrl: string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function enteredWhat(shipments: AlertedShipment[]): string {
  const labels = [...new Set(shipments.map((s) => shipmentStatusLabel(s.status)))].sort();
  return labels.join(" or ");
}

export function shipmentAlertSubject({ workspaceName, shipments, moreShipments }: Pick<ShipmentAlertEmailProps, "workspaceName" | "shipments" | "moreShipments">): string {
  const count = shipments.length + moreShipments;
  return `[${workspaceName}] ${plural(count, "shipment", "shipments")} entered ${enteredWhat(shipments)}`;
}

const factStyle = { ...emailStyles.text, margin: "0 0 2px" };

function ShipmentEntry({ shipment, timeZone }: { shipment: AlertedShipment; timeZone: string }) {
  const tracking = httpUrl(shipment.trackingUrl);
  const carrierLine = [shipment.carrier, shipment.trackingNumber].filter(Boolean).join(" ");
  return (
    <Section style={{ borderTop: "1px solid #e5e7eb", padding: "12px 0 10px" }}>
      <Text style={{ ...factStyle, fontWeight: 600 }}>
        {shipment.storeOrder?.url ? (
          <Link href={shipment.storeOrder.url} style={{ color: "#2563eb" }}>
            Order {shipment.storeOrder.name}
          </Link>
        ) : shipment.storeOrder ? (
          `Order ${shipment.storeOrder.name}`
        ) : (
          "No store order"
        )}
        {" — "}
        {shipmentStatusLabel(shipment.status)} since {formatEmailTime(shipment.since, timeZone)}
      </Text>
      <Text style={factStyle}>
        {shipment.providerName} order {shipment.orderExternalId}, shipment {shipment.shipmentExternalId}
        {shipment.centre ? `, from ${shipment.centre}` : ""}
      </Text>
      <Text style={factStyle}>
        {carrierLine ? "Carrier: " : "No carrier or tracking yet"}
        {carrierLine && tracking ? (
          <Link href={tracking} style={{ color: "#2563eb" }}>
            {carrierLine}
          </Link>
        ) : (
          carrierLine
        )}
      </Text>
    </Section>
  );
}

export default function ShipmentAlertEmail(props: ShipmentAlertEmailProps) {
  const { workspaceName, timeZone, shipments, moreShipments, fulfilmentUrl, settingsUrl } = props;
  const what = enteredWhat(shipments);
  return (
    <EmailLayout
      preview={`${plural(shipments.length + moreShipments, "shipment", "shipments")} entered ${what}`}
      footer={<AlertFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="shipment alerts" setting="shipment alert emails" />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Shipments entered {what}
      </Heading>
      <Text style={emailStyles.text}>
        These shipments of <strong>{workspaceName}</strong> went into {what} at your 3PL and may need attention:
      </Text>
      {shipments.map((shipment) => (
        <ShipmentEntry key={`${shipment.providerName}/${shipment.shipmentExternalId}`} shipment={shipment} timeZone={timeZone} />
      ))}
      {moreShipments > 0 && <Text style={{ ...emailStyles.text, marginTop: "12px" }}>And {plural(moreShipments, "more shipment", "more shipments")}.</Text>}
      <Button href={fulfilmentUrl} style={{ ...emailStyles.button, marginTop: "12px" }}>
        Open Fulfilment
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>
        Shipments that enter these statuses within a few minutes of each other come in one email. If the button does not
        work, paste this address into your browser:
      </Text>
      <Link href={fulfilmentUrl} style={emailStyles.link}>
        {fulfilmentUrl}
      </Link>
    </EmailLayout>
  );
}
