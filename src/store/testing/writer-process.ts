/**
 * For the multi-process test in src/store/sqlite.test.ts: `node --import tsx writer-process.ts <db> <tag>`
 * opens (creating and migrating if needed) the SQLite store and writes a few articles of its own plus one
 * shared by every writer.
 */
import { makeArticle, shipmentReport } from "../fixtures.js";
import { openStore } from "../index.js";

const [path, tag] = process.argv.slice(2);
if (!path || !tag) {
  process.stderr.write("usage: writer-process.ts <db> <tag>\n");
  process.exit(2);
}
const store = await openStore(path);
for (let i = 0; i < 20; i++) {
  await store.putArticle(
    makeArticle({
      id: `${tag}-${i}`,
      title: `Patrol report ${i} from ${tag}`,
      outlet: "Border Monitor",
      published: "2024-01-05",
      body: `Coast guard vessels from ${tag} shadowed a tanker for the ${i}th time this winter.`,
    }),
  );
  if (i === 10) await store.putArticle(shipmentReport);
}
await store.saveClustering({ stories: [], duplicates: [] });
await store.close();
