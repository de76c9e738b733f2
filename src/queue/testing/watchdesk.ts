/**
 * The `watchdesk` CLI straight from the sources (`node --import tsx src/queue/testing/watchdesk.ts …`), for
 * tests that run real worker processes without a build.
 */
import { main } from "../../cli/main.js";

await main();
