// What stands in for a customer whose personal data the store erased (a GDPR redaction).
export function RedactedName() {
  return (
    <span className="italic text-muted-foreground" data-testid="customer-redacted">
      Redacted
    </span>
  );
}
