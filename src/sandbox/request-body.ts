import type { IncomingMessage } from "node:http";

/** A request's whole body as UTF-8 text ("" when it has none), for the emulators to parse as each needs. */
export async function requestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
