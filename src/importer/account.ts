import type { Account, PlanLine } from "./types";

/** The steps' accounts as one, each list in the order of the steps. */
export function joinAccounts(accounts: readonly Account[]): Required<Account> {
  const lines = <T>(pick: (account: Account) => readonly T[] | undefined): T[] => accounts.flatMap((account) => pick(account) ?? []);
  return {
    adopted: lines<PlanLine>((account) => account.adopted),
    created: lines<PlanLine>((account) => account.created),
    outside: lines<PlanLine>((account) => account.outside),
    todo: lines<string>((account) => account.todo),
    notExpressed: lines<string>((account) => account.notExpressed),
  };
}
