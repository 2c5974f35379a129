// Lists the delegates, then reads one: `node build/example.js http://127.0.0.1:8000`.
import { allDelegates, registryClient } from "./client.js";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8000";

const delegates = await allDelegates(baseUrl);
for (const delegate of delegates) {
  const latest = delegate.position;
  const at = latest?.organization?.name ?? latest?.place?.name;
  const title = latest ? `${latest.title}${at ? `, ${at}` : ""}` : "no title given";
  console.log(`${delegate.name}: ${title} (${latest?.date?.value ?? "undated"})`);
}

const { data, error, response } = await registryClient(baseUrl).GET("/v1/delegates/{id}", {
  params: { path: { id: "timothy-kelly" } },
});
if (error) {
  console.error(`${response.status} ${error.title}: ${error.detail}`);
  process.exit(1);
}
console.log(`${data.name} took part in ${data.events.length} event(s):`);
for (const part of data.events) {
  console.log(`- ${part.event.name} as ${part.role} (${part.side ?? "side not given"})`);
}
console.log(`ETag ${response.headers.get("etag")}`);
