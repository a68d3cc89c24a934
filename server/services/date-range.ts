// The one rule for a list's "From"/"To" filter: the range must not run backwards. Every list input
// with a range refines with it, so the message is the same everywhere and names the "to" field,
// which forms mark (the browser checks with the same schema before sending).
type Range = { from?: Date | string; to?: Date | string };

export const rangeInOrder = (input: Range) => !input.from || !input.to || input.from <= input.to;

export const RANGE_IN_ORDER_ISSUE = { message: "“To” must not be before “From”.", path: ["to"] };
