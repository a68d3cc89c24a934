-- DropForeignKey
ALTER TABLE "ReconciliationIssue" DROP CONSTRAINT "ReconciliationIssue_pairId_fkey";

-- DropIndex
DROP INDEX "ReconciliationIssue_pairId_date_kind_idx";

-- DropIndex
DROP INDEX "ReconciliationIssue_workspaceId_pairId_kind_date_id_idx";

-- CreateIndex
CREATE INDEX "ReconciliationIssue_workspaceId_pairId_kind_date_idx" ON "ReconciliationIssue"("workspaceId", "pairId", "kind", "date");

-- What the foreign key's ON DELETE CASCADE did: a pair's issues go with it, whichever way it goes
-- (its connection's removal cascades to it). Once per statement, not once per pair.
CREATE FUNCTION reconciliation_pair_issues_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReconciliationIssue" i USING old_rows p WHERE i."workspaceId" = p."workspaceId" AND i."pairId" = p.id;
  RETURN NULL;
END $$;

CREATE TRIGGER reconciliation_pair_issues_delete AFTER DELETE ON "ReconciliationPair" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reconciliation_pair_issues_delete();
