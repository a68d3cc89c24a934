/**
 * A small implementation of Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax):
 * `field:value`, comparators `:>` `:>=` `:<` `:<=`, quoted values, implicit AND, `AND`, `OR`,
 * `NOT`/`-` negation, parentheses, `*` prefix wildcard and bare terms (default search).
 */
export type Comparator = ":" | ":>" | ":>=" | ":<" | ":<=";

export type SearchNode =
  | { kind: "and"; children: SearchNode[] }
  | { kind: "or"; children: SearchNode[] }
  | { kind: "not"; child: SearchNode }
  | { kind: "term"; field: string | null; comparator: Comparator; value: string };

export class SearchSyntaxError extends Error {}

type Token = { type: "word"; text: string } | { type: "lparen" } | { type: "rparen" };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(") {
      tokens.push({ type: "lparen" });
      i++;
    } else if (c === ")") {
      tokens.push({ type: "rparen" });
      i++;
    } else {
      let text = "";
      while (i < input.length && !/\s/.test(input[i]!) && input[i] !== ")" && !(input[i] === "(" && text === "")) {
        const ch = input[i]!;
        if (ch === "'" || ch === '"') {
          const end = input.indexOf(ch, i + 1);
          if (end < 0) throw new SearchSyntaxError(`Unterminated quote in search query: ${input}`);
          text += input.slice(i, end + 1);
          i = end + 1;
        } else {
          text += ch;
          i++;
        }
      }
      tokens.push({ type: "word", text });
    }
  }
  return tokens;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) return value.slice(1, -1);
  return value;
}

function parseTerm(text: string): SearchNode {
  const match = /^([A-Za-z_][\w.]*)(:>=|:<=|:>|:<|:)(.*)$/.exec(text);
  if (!match) return { kind: "term", field: null, comparator: ":", value: unquote(text) };
  return { kind: "term", field: match[1]!.toLowerCase(), comparator: match[2] as Comparator, value: unquote(match[3]!) };
}

export function parseSearchQuery(input: string): SearchNode | null {
  const tokens = tokenize(input);
  let pos = 0;
  const peekWord = () => {
    const t = tokens[pos];
    return t?.type === "word" ? t.text : null;
  };
  function parseOr(): SearchNode {
    const children = [parseAnd()];
    while (peekWord() === "OR") {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: "or", children };
  }
  function parseAnd(): SearchNode {
    const children = [parseUnary()];
    for (;;) {
      const t = tokens[pos];
      if (!t || t.type === "rparen" || peekWord() === "OR") break;
      if (peekWord() === "AND") pos++;
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: "and", children };
  }
  function parseUnary(): SearchNode {
    const t = tokens[pos];
    if (!t) throw new SearchSyntaxError(`Unexpected end of search query: ${input}`);
    if (t.type === "lparen") {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.type !== "rparen") throw new SearchSyntaxError(`Missing ) in search query: ${input}`);
      pos++;
      return inner;
    }
    if (t.type === "rparen") throw new SearchSyntaxError(`Unexpected ) in search query: ${input}`);
    pos++;
    if (t.text === "NOT") return { kind: "not", child: parseUnary() };
    if (t.text.startsWith("-") && t.text.length > 1) return { kind: "not", child: parseTerm(t.text.slice(1)) };
    return parseTerm(t.text);
  }
  if (tokens.length === 0) return null;
  const tree = parseOr();
  if (pos < tokens.length) throw new SearchSyntaxError(`Unexpected token in search query: ${input}`);
  return tree;
}

export type FieldKind = "date" | "number" | "string" | "boolean";
export type FieldValue = number | string | boolean | null | readonly string[];

/** How one searchable field of a resource is read and compared. */
export interface SearchField<T> {
  kind: FieldKind;
  get(item: T): FieldValue;
}

export interface SearchSpec<T> {
  fields: Record<string, SearchField<T>>;
  /** Fields a bare term (no `field:`) is matched against. */
  defaultFields: string[];
}

export interface CompiledSearch<T> {
  matches(item: T): boolean;
  /** Fields the query used that this resource does not support (Shopify ignores them with a warning). */
  unknownFields: string[];
}

function parseDate(value: string): number {
  const v = value.trim();
  if (v === "now") return Date.now();
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(ms)) throw new SearchSyntaxError(`Invalid date in search query: ${value}`);
  return ms;
}

function compare(kind: FieldKind, actual: FieldValue, comparator: Comparator, raw: string): boolean {
  if (actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => compare(kind, a as string, comparator, raw));
  if (kind === "boolean") return String(actual) === raw.toLowerCase();
  if (kind === "string") {
    const a = String(actual).toLowerCase();
    const v = raw.toLowerCase();
    if (comparator !== ":") return comparator.includes(">") ? a > v || (comparator === ":>=" && a === v) : a < v || (comparator === ":<=" && a === v);
    return v.endsWith("*") ? a.startsWith(v.slice(0, -1)) : a === v;
  }
  const expected = kind === "date" ? parseDate(raw) : Number(raw.replace(/^gid:\/\/shopify\/\w+\//, ""));
  if (Number.isNaN(expected)) throw new SearchSyntaxError(`Invalid number in search query: ${raw}`);
  const a = actual as number;
  switch (comparator) {
    case ":":
      return a === expected;
    case ":>":
      return a > expected;
    case ":>=":
      return a >= expected;
    case ":<":
      return a < expected;
    case ":<=":
      return a <= expected;
  }
}

export function compileSearch<T>(query: string | null | undefined, spec: SearchSpec<T>): CompiledSearch<T> {
  const tree = query ? parseSearchQuery(query) : null;
  const unknownFields: string[] = [];
  function build(node: SearchNode): (item: T) => boolean {
    switch (node.kind) {
      case "and": {
        const parts = node.children.map(build);
        return (item) => parts.every((p) => p(item));
      }
      case "or": {
        const parts = node.children.map(build);
        return (item) => parts.some((p) => p(item));
      }
      case "not": {
        const inner = build(node.child);
        return (item) => !inner(item);
      }
      case "term": {
        if (node.field === null) {
          const needle = node.value.toLowerCase().replace(/\*$/, "");
          const fields = spec.defaultFields.map((f) => spec.fields[f]!);
          return (item) => fields.some((f) => String(f.get(item) ?? "").toLowerCase().includes(needle));
        }
        const field = spec.fields[node.field];
        if (!field) {
          unknownFields.push(node.field);
          return () => true;
        }
        if (field.kind === "date") parseDate(node.value);
        return (item) => compare(field.kind, field.get(item), node.comparator, node.value);
      }
    }
  }
  const matches = tree ? build(tree) : () => true;
  return { matches, unknownFields };
}
