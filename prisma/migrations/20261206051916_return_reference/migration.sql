-- The 3PL's own reference for a return (ShipBob's reference_id, an RMA number), searchable on the Returns page.
ALTER TABLE "ReturnOrder" ADD COLUMN "reference" TEXT;
