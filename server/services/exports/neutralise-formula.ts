// OWASP's CSV injection advice: a spreadsheet evaluates a cell that starts with = + - @ (or a tab
// or carriage return that hides one) as a formula, so such text is prefixed with a single quote,
// which shows the text as typed. Only text cells: a number column's -12.50 stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
