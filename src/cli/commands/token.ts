/** `watchdesk token create [--name N]`, `watchdesk token list [--json]`, `watchdesk token revoke <id>` */
import { createToken, listTokens, revokeToken } from "../../app/tokens.js";
import { printJson, type RegisterCommand } from "../context.js";
import { table } from "../format.js";

export const register: RegisterCommand = (program, ctx) => {
  const token = program
    .command("token")
    .description("API tokens for writes to the desk (`watchdesk serve`): create, list, revoke");

  token
    .command("create")
    .description("make a new token and print it once (only a hash of it is stored)")
    .option("--name <name>", "who or what uses it", "desk")
    .option("--json", "print JSON")
    .action(async (opts: { name: string; json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const created = await createToken(store, opts.name);
        if (opts.json) return printJson(ctx.io, created);
        ctx.io.stdout(`${created.token}\n`);
        ctx.io.stderr(
          `token ${created.id} ("${created.name}") created. It is shown only now: keep it somewhere safe.\n` +
            "Use it as `Authorization: Bearer <token>` for API writes, or sign in with it on the desk.\n",
        );
      } finally {
        await store.close();
      }
    });

  token
    .command("list")
    .description("tokens by id and name (never the tokens themselves)")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const tokens = await listTokens(store);
        if (opts.json) return printJson(ctx.io, tokens);
        ctx.io.stdout(
          table(
            [{ header: "id" }, { header: "name" }, { header: "created" }, { header: "revoked" }],
            tokens.map((t) => [t.id, t.name, t.createdAt, t.revokedAt]),
          ),
        );
      } finally {
        await store.close();
      }
    });

  token
    .command("revoke <id>")
    .description("revoke a token by its id; it opens nothing from now on")
    .action(async (id: string) => {
      const store = await ctx.openStore();
      try {
        await revokeToken(store, id);
        ctx.io.stderr("token revoked\n");
      } finally {
        await store.close();
      }
    });
};
