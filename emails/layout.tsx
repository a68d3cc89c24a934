import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// Inline styles only: most mail clients drop <style> blocks and ignore class names.
const styles = {
  body: { backgroundColor: "#f6f7f9", fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", border: "1px solid #e5e7eb", borderRadius: "12px", margin: "0 auto", maxWidth: "480px", padding: "32px" },
  brand: { color: "#111827", fontSize: "16px", fontWeight: 600, margin: "0 0 24px" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: 0 },
} as const;

export const emailStyles = {
  heading: { color: "#111827", fontSize: "20px", fontWeight: 600, margin: "0 0 16px" },
  text: { color: "#374151", fontSize: "14px", lineHeight: "22px", margin: "0 0 16px" },
  muted: { color: "#6b7280", fontSize: "13px", lineHeight: "20px", margin: "0 0 16px" },
  button: { backgroundColor: "#111827", borderRadius: "8px", color: "#ffffff", display: "inline-block", fontSize: "14px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" },
  link: { color: "#2563eb", fontSize: "13px", wordBreak: "break-all" },
} as const;

const DEFAULT_FOOTER =
  "You received this email because someone entered this address on Meridian. If that was not you, you can ignore it.";

// `footer` replaces the default reason line, e.g. for notifications the reader subscribed to.
export function EmailLayout({ preview, footer = DEFAULT_FOOTER, children }: { preview: string; footer?: ReactNode; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Meridian</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 16px" }} />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
