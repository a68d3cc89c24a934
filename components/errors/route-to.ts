// "/w/[slug]/orders" with the URL's params filled in. A param that is missing stays as written
// rather than becoming "undefined" in a link.
export function routeTo(route: string, params: Record<string, string | string[] | undefined>): string {
  return route.replace(/\[(\w+)\]/g, (placeholder, name: string) => {
    const value = params[name];
    return typeof value === "string" ? encodeURIComponent(value) : placeholder;
  });
}
