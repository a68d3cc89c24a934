"use client";

import { useEffect, useRef, useState } from "react";
import { Input } from "./input";

// A search box that reports its value a moment after typing stops (or at once on Enter), so
// every keystroke does not become a query and a URL change. Its label comes from the FilterField
// around it.
export function SearchInput({
  id,
  placeholder,
  value,
  onSearch,
  testId,
  delayMs = 300,
}: {
  id: string;
  placeholder?: string;
  value: string;
  onSearch: (value: string) => void;
  testId?: string;
  delayMs?: number;
}) {
  const [draft, setDraft] = useState(value);
  // The last value this box reported: when it comes back as `value` (after the URL update), the
  // person may have typed on meanwhile, so it must not overwrite the draft.
  const [reported, setReported] = useState(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  const report = (next: string) => {
    setReported(next);
    latest.current(next);
  };

  // A change from elsewhere (Clear filters, the back button) replaces what is typed.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== reported) setDraft(value);
  }

  useEffect(() => {
    const next = draft.trim();
    if (next === value.trim()) return;
    const timer = setTimeout(() => {
      setReported(next);
      latest.current(next);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);

  return (
    <Input
      id={id}
      type="search"
      inputMode="search"
      autoComplete="off"
      maxLength={100}
      placeholder={placeholder}
      value={draft}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          report(draft.trim());
        }
      }}
    />
  );
}
