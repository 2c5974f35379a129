// Lists the delegates, then reads one: `node build/example.js http://127.0.0.1:8000`.
import { allDelegates, registryClient } from "./client.js";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8000";

const delegates = await allDelegates(baseUrl);
for (const delegate of delegates) {
  const positions = delegate.positions.map((p) => `${p.title}, ${p.organization.name}`);
  console.log(`${delegate.name} (${delegate.side ?? "side unknown"}): ${positions.join("; ")}`);
}

const { data, error, response } = await registryClient(baseUrl).GET("/v1/delegates/{id}", {
  params: { path: { id: "timothy-kelly" } },
});
if (error) {
  console.error(`${response.status} ${error.title}: ${error.detail}`);
  process.exit(1);
}
console.log(`${data.name} took part in ${data.events.length} event(s):`);
for (const part of data.events) console.log(`- ${part.event.name} as ${part.role}`);
console.log(`ETag ${response.headers.get("etag")}`);
