import { RowLink } from "@/components/ui/table";

// The store order a 3PL record belongs to: linked when that order is synced into the workspace,
// else the 3PL's reference as text (or a dash when it names none).
export function StoreOrderLink({ slug, order, reference, testId }: { slug: string; order: { id: string; name: string } | null; reference: string | null; testId: string }) {
  if (order) {
    return (
      <RowLink href={`/w/${slug}/orders/${order.id}`} data-testid={testId}>
        {order.name}
      </RowLink>
    );
  }
  return reference ? <span>{reference}</span> : <span className="text-muted-foreground">—</span>;
}
