import { z } from "zod";
import { accessFileSchema } from "./schema";

/** Where the generated schema lives; access files point at it on line 1 for their editors. */
export const JSON_SCHEMA_PATH = "schema/access.schema.json";

/**
 * The JSON Schema of the access file, generated from the same zod schema the validator uses, so
 * the editor's idea of the file and the validator's can never drift. Input shape: defaults optional.
 */
export function renderAccessJsonSchema(): string {
  const schema = z.toJSONSchema(accessFileSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
