// Providers' ids can be 64-bit integers written as JSON numbers (in REST bodies, say), and
// JSON.parse rounds every integer above 2^53 to the nearest double: 788032119674292922 becomes
// 788032119674292900, another record's id. Node 20's JSON.parse has no access to a number's
// source text, so such integers are turned into strings of their digits before parsing.

const LONG_DIGIT_RUN = /\d{16}/;
// A JSON string (skipped whole, so digits inside one are left alone) or a JSON number.
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * JSON.parse, except that an integer beyond Number.MAX_SAFE_INTEGER is read as the string of its
 * digits, so that it survives exactly. Other numbers parse as JSON.parse parses them. Throws
 * SyntaxError for what is not JSON, as JSON.parse does.
 */
export function parseJsonLosslessly(text: string): unknown {
  // Up to 15 digits an integer is always safe, and most bodies hold no longer run of digits.
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  const exact = text.replace(STRING_OR_NUMBER, (token) =>
    token.startsWith('"') || !/^-?\d+$/.test(token) || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
  return JSON.parse(exact);
}
