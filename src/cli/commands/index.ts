// Every CLI command, in the order `watchdesk --help` lists them. Each file registers its own commands.
import type { RegisterCommand } from "../context.js";
import { register as analyze } from "./analyze.js";
import { register as attributions } from "./attributions.js";
import { register as entities } from "./entities.js";
import { register as extract } from "./extract.js";
import { register as ingest } from "./ingest.js";
import { register as migrate } from "./migrate.js";
import { register as read } from "./read.js";
import { register as sanctions } from "./sanctions.js";
import { register as serve } from "./serve.js";
import { register as stories } from "./stories.js";
import { register as token } from "./token.js";
import { register as worker } from "./worker.js";

export const commands: RegisterCommand[] = [
  ingest,
  analyze,
  extract,
  attributions,
  read,
  stories,
  entities,
  sanctions,
  serve,
  token,
  worker,
  migrate,
];
