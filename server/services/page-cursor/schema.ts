// How long a list's page cursor may be, at the edge (pagination.ts's page input) and in the
// browser's URL state (components/ui/list-url-state.ts) alike.
//
// A cursor is base64url of "<sort value>|<id>", so the longest one follows the longest value a list
// sorts on. The longest are text: a customer's name sort ("first last", two names of up to 255
// characters each at the sources), product titles (255), contact names and audit actions (shorter).
// At 4 bytes a character in UTF-8 and an id of up to 64 characters: ceil((511 × 4 + 1 + 64) / 3) × 4
// = 2,812 characters. Anything longer is no cursor of ours, refused naming the field.
const LONGEST_SORT_TEXT = 511;
const LONGEST_ID = 64;
export const PAGE_CURSOR_MAX = Math.ceil((LONGEST_SORT_TEXT * 4 + 1 + LONGEST_ID) / 3) * 4;
