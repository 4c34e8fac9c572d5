/*
 * One order for text everywhere the output promises to be the same on every machine: UTF-16 code
 * units, as `<` compares strings. `localeCompare` depends on the machine's locale and ICU data.
 */

/** Compares two strings by code unit: the same answer on every machine. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
