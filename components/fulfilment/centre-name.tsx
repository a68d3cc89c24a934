// A 3PL centre by its synced name, else by the 3PL's id for it.
export function CentreName({ centre }: { centre: { externalId: string; name: string | null } | null }) {
  return centre ? <>{centre.name ?? centre.externalId}</> : <span className="text-muted-foreground">—</span>;
}
