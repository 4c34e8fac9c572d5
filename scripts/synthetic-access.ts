import { stringify } from "yaml";

/*
 * Synthetic access files of any size, for the benchmark and the scale tests. Deterministic: the
 * same options always give the same file.
 */

export interface SyntheticOptions {
  readonly teams: number;
  /** Default 200. */
  readonly tenants?: number;
  /** Managed users. Default: 5 per team. */
  readonly users?: number;
  /** Tenant grants per team, on average. Default 3. */
  readonly grantsPerTeam?: number;
  /** Explicit members per explicit team; half the teams are explicit, so 5 per team on average. Default 10. */
  readonly membersPerExplicitTeam?: number;
  readonly seed?: number;
}

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export const tenantName = (i: number) => `t${String(i).padStart(3, "0")}`;
export const teamName = (i: number) => `team-${String(i).padStart(4, "0")}`;
export const userEmail = (i: number) => `user${String(i).padStart(5, "0")}@acme.example`;

/** The access document as data (so tests can edit it before it becomes YAML). */
export function syntheticAccessDocument(options: SyntheticOptions): Record<string, unknown> {
  const tenants = options.tenants ?? 200;
  const users = options.users ?? Math.max(10, options.teams * 5);
  const grantsPerTeam = options.grantsPerTeam ?? 3;
  const members = options.membersPerExplicitTeam ?? 10;
  const next = random(options.seed ?? 42);
  const pick = (n: number) => Math.floor(next() * n);

  const teams = Array.from({ length: options.teams }, (_, i) => {
    const grantCount = Math.max(1, Math.min(tenants, grantsPerTeam - 1 + pick(3)));
    const chosen = new Set<number>();
    while (chosen.size < grantCount) chosen.add(pick(tenants));
    const access = [...chosen].sort((a, b) => a - b).map((t) => ({ tenant: tenantName(t), level: next() < 0.6 ? "read-write" : "read-only" }));
    const explicit = i % 2 === 1;
    const team: Record<string, unknown> = {
      name: teamName(i),
      description: `Synthetic team ${i}`,
      owners: [userEmail(pick(users))],
      access,
    };
    if (explicit) {
      const memberSet = new Set<number>();
      while (memberSet.size < Math.min(members, users)) memberSet.add(pick(users));
      team.members = [...memberSet].sort((a, b) => a - b).map(userEmail);
    } else {
      team.rule = `user.department == "Department ${i}"`;
    }
    return team;
  });

  return {
    duplocloud: { portal: "https://bench.duplocloud.net", tenants: Array.from({ length: tenants }, (_, i) => tenantName(i)) },
    roles: {
      administrators: { owners: [userEmail(0)], members: [userEmail(0), userEmail(1)] },
      readOnly: { owners: [userEmail(0)], rule: 'user.department == "Engineering"' },
      securityAdmins: { owners: [userEmail(0)], members: [userEmail(2)] },
    },
    teams,
    // People are Okta logins the program looks up; the stack creates only a break-glass account.
    users: [{ email: "breakglass@acme.example", firstName: "Break-glass", lastName: "Administrator" }],
  };
}

export function syntheticAccessFile(options: SyntheticOptions): string {
  return `# yaml-language-server: $schema=../schema/access.schema.json\n${stringify(syntheticAccessDocument(options))}`;
}
