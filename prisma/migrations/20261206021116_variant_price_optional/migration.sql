-- AlterTable
ALTER TABLE "ProductVariant" ALTER COLUMN "price" DROP NOT NULL,
ALTER COLUMN "currency" DROP NOT NULL;
