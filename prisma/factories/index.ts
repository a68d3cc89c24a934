// Test data builders, one file per model family. Builders take overrides and make unique
// emails/slugs, so tests in one database never collide. Import from here or from the file.
export * from "./members";
export * from "./invitations";
export * from "./demo";
