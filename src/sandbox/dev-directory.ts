import type { SeedPerson } from "./seed-from-plan";

/*
 * The people of the sandbox's Okta org, as a directory (HR or AD) would have made them: those
 * access/dev.yaml names (members, owners), people its rules match by department and title, people
 * they do not, and the owner of the API token the file declares. The stack creates none of them
 * (it looks people up, src/okta/people.ts); the sandbox adds anyone the plan looks up who is not
 * listed here, so another access file still finds everyone it names.
 */
/** The Okta user ID of the API token's owner, as access/dev.yaml declares it. */
export const DEV_TOKEN_OWNER_ID = "00u1abcdEFGH2345ijk7";

export const DEV_DIRECTORY: readonly SeedPerson[] = [
  { login: "ada.lovelace@acme.example", firstName: "Ada", lastName: "Lovelace", profile: { department: "Engineering", title: "Staff Engineer", userType: "employee" } },
  { login: "grace.hopper@acme.example", firstName: "Grace", lastName: "Hopper", profile: { department: "Platform", title: "Principal Engineer" } },
  { login: "alan.turing@acme.example", firstName: "Alan", lastName: "Turing", profile: { department: "Security", title: "Security Engineer" } },
  { login: "katherine.johnson@acme.example", firstName: "Katherine", lastName: "Johnson", profile: { department: "Research", title: "Mathematician" } },
  { login: "ciso@acme.example", firstName: "Chief", lastName: "Security", profile: { department: "Security", title: "CISO" } },
  { login: "lead.payments@acme.example", firstName: "Lea", lastName: "Payne", profile: { department: "Payments", title: "Engineering Manager" } },
  { login: "lead.data@acme.example", firstName: "Dana", lastName: "Lead", profile: { department: "Research", title: "Data Lead" } },
  // Okta keeps a login in the case it was created with (the file names people in lower case).
  { login: "Bob.Marley@Acme.example", firstName: "Bob", lastName: "Marley", profile: { department: "Payments", title: "Engineer" } },
  { login: "erin.contractor@acme.example", firstName: "Erin", lastName: "Contractor", profile: { department: "Engineering", title: "Engineer", userType: "contractor" } },
  { login: "dan.eng@acme.example", firstName: "Dan", lastName: "Eng", profile: { department: "Engineering", title: "Engineer", userType: "employee" } },
  { login: "frank.analytics@acme.example", firstName: "Frank", lastName: "Analytics", profile: { department: "Analytics", title: "Analyst" } },
  { login: "hank.hr@acme.example", firstName: "Hank", lastName: "Human", profile: { department: "HR", title: "Recruiter" } },
  // The service account that owns the API token access/dev.yaml declares (apiAccess.apiTokens[0].userId).
  { login: "svc-duplo-sync@acme.example", firstName: "DuploCloud", lastName: "Sync", id: DEV_TOKEN_OWNER_ID, profile: { department: "IT", title: "Service account" } },
];
