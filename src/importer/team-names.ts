/**
 * Names of the teams the import makes, each one the schema accepts (1-40 lower-case letters, digits
 * and '-') and distinct from every name taken before it.
 */
export class TeamNames {
  private readonly taken = new Set<string>();

  /** A name made from `text`, with -2, -3... when it is taken. */
  take(text: string): string {
    const base =
      text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 36) || "team";
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-${n}`;
    this.taken.add(name);
    return name;
  }
}
