// A typed client: every path, parameter and response shape comes from the OpenAPI contract.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type Delegate = components["schemas"]["DelegatePublic"];
export type DelegateDetail = components["schemas"]["DelegateDetail"];
export type Problem = components["schemas"]["Problem"];

export function registryClient(baseUrl: string) {
  // JSON only: the lists also offer CSV and NDJSON exports, the details JSON-LD.
  return createClient<paths, "application/json" | "application/problem+json">({
    baseUrl,
    headers: { Accept: "application/json" },
  });
}

function isDelegate(item: object): item is Delegate {
  return "id" in item && "position" in item;
}

/** Every delegate, following `next_cursor` page by page. */
export async function allDelegates(baseUrl: string, pageSize = 50): Promise<Delegate[]> {
  const client = registryClient(baseUrl);
  const out: Delegate[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/v1/delegates", {
      params: { query: { limit: pageSize, ...(cursor ? { cursor } : {}) } },
    });
    if (error) throw new Error(`${error.title}: ${error.detail}`);
    // An item is a whole DelegatePublic unless `fields` or `include` reshaped it.
    out.push(...data.items.filter(isDelegate));
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return out;
}
