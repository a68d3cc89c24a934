// How long an emailed sign-in link stays valid; the provider, the email and the pages all say so.
export const MAGIC_LINK_MAX_AGE_MINUTES = 15;
