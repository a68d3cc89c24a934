-- An order's shipping and billing addresses, as the store gave them (server/connectors/_core/address.ts
-- names the shape); NULL when the order has none. Personal data: erased with the customer's email.
ALTER TABLE "Order" ADD COLUMN "shippingAddress" JSONB,
ADD COLUMN "billingAddress" JSONB;
