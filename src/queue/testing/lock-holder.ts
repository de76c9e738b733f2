/**
 * For the lock tests (src/queue/refresh.test.ts): `node --import tsx lock-holder.ts <store location> <lock>`
 * takes the lock, prints "locked" and holds it until killed.
 */
import { openStore } from "../../store/index.js";

const [location, name] = process.argv.slice(2);
if (!location || !name) {
  process.stderr.write("usage: lock-holder.ts <store location> <lock name>\n");
  process.exit(2);
}
const store = await openStore(location);
await store.withExclusiveLock(name, async () => {
  process.stdout.write("locked\n");
  await new Promise(() => setInterval(() => {}, 60_000));
});
