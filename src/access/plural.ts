/** "1 user", "2 users": a count with its noun, singular for one. `plural` for nouns not made with -s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
