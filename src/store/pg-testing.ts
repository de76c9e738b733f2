/**
 * For tests that need Postgres: each gets a schema of its own (`?schema=` in the URL: created on open),
 * and `dropSchemas` removes them all at the end. Without WATCHDESK_TEST_PG_URL such tests are skipped.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_PG_URL = process.env.WATCHDESK_TEST_PG_URL;
export const PG_SKIP_REASON = "set WATCHDESK_TEST_PG_URL=postgres://… to run the Postgres tests";

export class TestSchemas {
  readonly base: string;
  private readonly schemas: string[] = [];

  constructor(base: string) {
    this.base = base;
  }

  /** A URL for a new, empty schema. */
  url(): string {
    const schema = `wd_test_${randomBytes(5).toString("hex")}`;
    this.schemas.push(schema);
    const url = new URL(this.base);
    url.searchParams.set("schema", schema);
    return url.toString();
  }

  async dropAll(): Promise<void> {
    const client = new pg.Client({ connectionString: this.base });
    await client.connect();
    try {
      for (const schema of this.schemas.splice(0))
        await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  }
}
