import { parse, YAMLError } from "yaml";
import { StackConfigError } from "./stack-config-error";

/*
 * Pulumi's project and stack files as Pulumi decodes them. The marshaller is chosen by the file's
 * extension (sdk/go/common/encoding/marshal.go: Exts = .json, .yaml, .yml; Detect by
 * filepath.Ext), a UTF-8 byte-order mark is dropped first (sdk/go/common/workspace/loaders.go,
 * readFileStripUTF8BOM), and YAML is decoded by gopkg.in/yaml.v3 into `any`, which resolves `<<`
 * merge keys and refuses duplicate keys: the `yaml` package does both with `merge: true` and its
 * default `uniqueKeys`.
 */

/** Aliases a document may expand: far above any hand-written file, and still bounded (the parser's default, 100, is below what Pulumi accepts). */
const MAX_ALIAS_COUNT = 10_000;

export const PULUMI_EXTENSIONS = [".json", ".yaml", ".yml"] as const;

/** The decoded document; a document Pulumi could not decode is a StackConfigError naming the file. */
export function parsePulumiDocument(text: string, file: string, shown = file): unknown {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(body) as unknown;
    } catch (error) {
      throw new StackConfigError(`${shown}: is not valid JSON (${(error as Error).message})`);
    }
  }
  try {
    return parse(body, { merge: true, maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    if (error instanceof YAMLError || error instanceof ReferenceError) throw new StackConfigError(`${shown}: is not valid YAML (${error.message.split("\n")[0]})`);
    throw error;
  }
}

/**
 * A composite value as the Pulumi runtime hands it to the program: Go's encoding/json of the
 * decoded value (sdk/go/common/resource/config/object.go, MarshalString), which sorts map keys and
 * escapes <, >, & and U+2028/U+2029.
 */
export function goJson(value: unknown): string {
  const escape = (text: string) => text.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const encode = (item: unknown): string => {
    if (Array.isArray(item)) return `[${item.map(encode).join(",")}]`;
    if (item !== null && typeof item === "object") {
      const entries = Object.keys(item).sort();
      return `{${entries.map((key) => `${escape(JSON.stringify(key))}:${encode((item as Record<string, unknown>)[key])}`).join(",")}}`;
    }
    return escape(JSON.stringify(item) ?? "null");
  };
  return encode(value);
}
