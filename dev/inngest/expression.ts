// The subset of CEL that Inngest functions use in `if`, `match`, concurrency and idempotency keys:
// member access (`event.data.x`, `event.data["x"]`), string/number/boolean/null literals,
// == != < <= > >=, && || !, parentheses. Anything else is a clear error, never a silent false.
type Token = { kind: "num" | "str" | "ident" | "op" | "end"; value: string };

const OPERATORS = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "(", ")", ".", "[", "]"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let value = "";
      i++;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === "\\") i++;
        value += source[i] ?? "";
        i++;
      }
      if (source[i] !== ch) throw new Error(`Unterminated string in expression: ${source}`);
      i++;
      tokens.push({ kind: "str", value });
    } else if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i))!;
      tokens.push({ kind: "num", value: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "ident", value: match[0] });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new Error(`Unsupported character "${ch}" in expression: ${source}`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  tokens.push({ kind: "end", value: "" });
  return tokens;
}

type Scope = Record<string, unknown>;

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Scope,
    private readonly source: string,
  ) {}

  parse(): unknown {
    const value = this.or();
    if (this.peek().kind !== "end") throw new Error(`Unexpected "${this.peek().value}" in expression: ${this.source}`);
    return value;
  }

  private peek() {
    return this.tokens[this.pos]!;
  }
  private take(op?: string) {
    const token = this.tokens[this.pos]!;
    if (op !== undefined && (token.kind !== "op" || token.value !== op)) throw new Error(`Expected "${op}" in expression: ${this.source}`);
    this.pos++;
    return token;
  }
  private isOp(...ops: string[]) {
    const token = this.peek();
    return token.kind === "op" && ops.includes(token.value);
  }

  private or(): unknown {
    let left = this.and();
    while (this.isOp("||")) {
      this.take();
      const right = this.and();
      left = Boolean(left) || Boolean(right);
    }
    return left;
  }
  private and(): unknown {
    let left = this.comparison();
    while (this.isOp("&&")) {
      this.take();
      const right = this.comparison();
      left = Boolean(left) && Boolean(right);
    }
    return left;
  }
  private comparison(): unknown {
    const left = this.unary();
    if (!this.isOp("==", "!=", "<", "<=", ">", ">=")) return left;
    const op = this.take().value;
    const right = this.unary();
    switch (op) {
      case "==":
        return equal(left, right);
      case "!=":
        return !equal(left, right);
      default:
        return compare(op, left, right);
    }
  }
  private unary(): unknown {
    if (this.isOp("!")) {
      this.take();
      return !this.unary();
    }
    return this.member();
  }
  private member(): unknown {
    let value = this.primary();
    while (this.isOp(".", "[")) {
      if (this.take().value === ".") {
        const name = this.take();
        if (name.kind !== "ident") throw new Error(`Expected a field name in expression: ${this.source}`);
        value = field(value, name.value);
      } else {
        const key = this.or();
        this.take("]");
        value = field(value, String(key));
      }
    }
    return value;
  }
  private primary(): unknown {
    const token = this.take();
    if (token.kind === "num") return Number(token.value);
    if (token.kind === "str") return token.value;
    if (token.kind === "ident") {
      if (token.value === "true") return true;
      if (token.value === "false") return false;
      if (token.value === "null") return null;
      return this.scope[token.value];
    }
    if (token.kind === "op" && token.value === "(") {
      const value = this.or();
      this.take(")");
      return value;
    }
    throw new Error(`Unexpected "${token.value || "end of input"}" in expression: ${this.source}`);
  }
}

function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== "object") return undefined;
  return (value as Record<string, unknown>)[name];
}

function equal(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
  const [x, y] = [a as number | string, b as number | string];
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

/** Evaluates `source` with the given variables (`event`, `async`, ...). */
export function evaluate(source: string, scope: Scope): unknown {
  return new Parser(tokenize(source), scope, source).parse();
}

/** A key expression's value as a string key (concurrency, throttle, debounce, idempotency). */
export function evaluateKey(source: string, scope: Scope): string {
  const value = evaluate(source, scope);
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}
