// A typed client: every path, parameter and response shape comes from the OpenAPI contract.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type Delegate = components["schemas"]["DelegatePublic"];
export type DelegateDetail = components["schemas"]["DelegateDetail"];
export type Problem = components["schemas"]["Problem"];

export function registryClient(baseUrl: string) {
  return createClient<paths>({ baseUrl, headers: { Accept: "application/json" } });
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
    out.push(...data.items);
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return out;
}
