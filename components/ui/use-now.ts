"use client";

import { useSyncExternalStore } from "react";

function subscribeTicks(onTick: () => void) {
  const timer = setInterval(onTick, 1_000);
  return () => clearInterval(timer);
}

const subscribeNever = () => () => {};

const currentSecond = () => Math.floor(Date.now() / 1_000) * 1_000;
const noClockOnServer = () => null;

/**
 * The current time (running times, waits, relative dates), ticking each second while `ticking`.
 * Null while rendering on the server and hydrating, so the server's clock never causes a mismatch.
 */
export function useNow(ticking: boolean): Date | null {
  const ms = useSyncExternalStore(ticking ? subscribeTicks : subscribeNever, currentSecond, noClockOnServer);
  return ms === null ? null : new Date(ms);
}
