-- A workspace's rollup rebuild in parts: a time-zone change runs as a background job that
-- recomputes the keys a slice at a time, reporting its progress between slices, all in one
-- transaction (readers see the old zone's figures until it commits). The keys and the monthly
-- rebuild are the ones dashboard_rebuild_rollups used; it now calls these.

-- Every (workspace, connection, day) key whose rollups a rebuild recomputes, days in the
-- workspace's current zone: those holding rollup rows now (in whichever zone they were counted),
-- and those with a counted order or a refund.
CREATE FUNCTION dashboard_rollup_keys(workspace text) RETURNS SETOF dashboard_rollup_key
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tz text := (SELECT "timeZone" FROM "Workspace" WHERE id = workspace);
BEGIN
  RETURN QUERY
    SELECT DISTINCT x."workspaceId", x."connectionId", x.day FROM (
      SELECT r."workspaceId", r."connectionId", r.day FROM "DailySalesRollup" r WHERE r."workspaceId" = workspace
      UNION SELECT r."workspaceId", r."connectionId", r.day FROM "DailyProductRollup" r WHERE r."workspaceId" = workspace
      UNION SELECT o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE tz)::date FROM "Order" o
        WHERE o."workspaceId" = workspace AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
      UNION SELECT f."workspaceId", f."connectionId", (f."sourceCreatedAt" AT TIME ZONE tz)::date FROM "Refund" f WHERE f."workspaceId" = workspace
    ) x
    ORDER BY 2, 3;
END $$;

-- The workspace's monthly product rows summed again from its daily ones.
CREATE FUNCTION dashboard_rebuild_monthly_rollups(workspace text) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "MonthlyProductRollup" WHERE "workspaceId" = workspace;
  INSERT INTO "MonthlyProductRollup" ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
  SELECT "workspaceId", "connectionId", date_trunc('month', day::timestamp)::date, currency, "productKey", sum(units), sum(revenue), count(*)
  FROM "DailyProductRollup" WHERE "workspaceId" = workspace
  GROUP BY 1, 2, 3, 4, 5;
$$;

CREATE OR REPLACE FUNCTION dashboard_rebuild_rollups(workspace text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_refresh_rollups(ARRAY(SELECT k FROM dashboard_rollup_keys(workspace) k));
  PERFORM dashboard_rebuild_monthly_rollups(workspace);
END $$;

-- Takes ingest's lock of every connection of the workspace (server/ingest/shared.ts), in the order
-- dashboard_refresh_rollups takes them: a rebuild in parts holds them all from its start, so no
-- writer computes its keys in the old zone and waits to refresh them after the new one commits.
CREATE FUNCTION dashboard_lock_connections(workspace text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('meridian.ingest'), hashtext(c.id))
    FROM (SELECT id FROM "Connection" WHERE "workspaceId" = workspace ORDER BY 1) c;
END $$;
