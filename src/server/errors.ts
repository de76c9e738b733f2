/**
 * Errors over HTTP: every failure is one JSON shape, `{ "error": { code, message, input, hint } }`, with a
 * status that says whose fault it is. Unexpected errors answer 500 with a generic message; their detail goes
 * to the server log only (which never holds request headers, cookies or bodies).
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { isWatchdeskError } from "../errors.js";

export interface ErrorBody {
  error: { code: string; message: string; input: string | null; hint: string };
}

/** An error the server raises on purpose, with its HTTP status. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly hint: string;
  readonly input: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { hint?: string; input?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = options.hint ?? "";
    this.input = options.input ?? null;
    this.headers = options.headers ?? {};
  }
}

function statusForCode(code: string, exitCode: 1 | 2): ContentfulStatusCode {
  if (code.endsWith("_NOT_FOUND")) return 404;
  if (exitCode === 2 || code.startsWith("BAD_") || code === "EMPTY_QUERY") return 400;
  return 422;
}

/** The first problem of a zod validation failure, as a message naming the parameter. */
export function describeZodError(error: ZodError): { message: string; input: string | null } {
  const issue = error.issues[0];
  const where = issue?.path.join(".") || "input";
  return { message: `${where}: ${issue?.message ?? "is invalid"}`, input: where };
}

export function toErrorBody(error: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
  unexpected: boolean;
} {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, input: error.input, hint: error.hint } },
      headers: error.headers,
      unexpected: false,
    };
  }
  if (isWatchdeskError(error)) {
    return {
      status: statusForCode(error.code, error.exitCode),
      body: { error: { code: error.code, message: error.message, input: error.input, hint: error.hint } },
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof ZodError) {
    const { message, input } = describeZodError(error);
    return {
      status: 400,
      body: { error: { code: "BAD_REQUEST", message, input, hint: "see /openapi.json for the parameters" } },
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = status === 413 ? "TOO_LARGE" : status === 404 ? "NOT_FOUND" : "HTTP_ERROR";
    return {
      status,
      body: {
        error: {
          code,
          message: error.message || (status === 413 ? "the request body is too large" : "request failed"),
          input: null,
          hint: status === 413 ? "send smaller files, or fewer at once" : "",
        },
      },
      headers: {},
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: "INTERNAL",
        message: "the server failed to answer this request",
        input: null,
        hint: "the server log has the detail; please report it",
      },
    },
    headers: {},
    unexpected: true,
  };
}
