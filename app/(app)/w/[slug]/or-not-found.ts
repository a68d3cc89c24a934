import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

// The API answers an unknown id, another workspace's, a deleted record's and a malformed one
// (BAD_REQUEST) alike; to someone opening a page they are all a page that is not there. Pages call
// this before any Suspense boundary, so notFound() still sets the response's 404 status.
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
