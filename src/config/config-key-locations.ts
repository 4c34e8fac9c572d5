import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { parseConfigKey } from "./pulumi-project";

/*
 * Where each config key is written in a Pulumi project or stack file, as `FILE:LINE:COLUMN` of the
 * key, so that a refused setting is located the way a refused access-file entry is. JSON is YAML
 * to the parser, so one reader serves Pulumi.<stack>.json too.
 */

/** Fully-qualified key (`duplocloud:host`) to `FILE:LINE:COLUMN`, for the keys of the file's `config` mapping. */
export function configKeyLocations(text: string, shown: string, projectName: string): Record<string, string> {
  const lines = new LineCounter();
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const document = parseDocument(body, { lineCounter: lines, merge: true, uniqueKeys: false });
  const config = isMap(document.contents) ? document.contents.get("config", true) : undefined;
  if (!isMap(config)) return {};
  const located: Record<string, string> = {};
  for (const pair of config.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== "string" || !pair.key.range) continue;
    let key: string;
    try {
      key = parseConfigKey(projectName, pair.key.value, shown);
    } catch {
      continue; // the config readers refuse it, with their own message
    }
    const { line, col } = lines.linePos(pair.key.range[0]);
    located[key] = `${shown}:${line}:${col}`;
  }
  return located;
}
