import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { localeFromAcceptLanguage } from "./accept-language";

/** The locale this request's pages are formatted in (Accept-Language, else en-US); once per request. */
export const requestLocale = cache(async (): Promise<string> => localeFromAcceptLanguage((await headers()).get("accept-language")));
