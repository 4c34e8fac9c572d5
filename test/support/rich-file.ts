/**
 * An access file that uses every part of the format at once (roles with rules, members and owners,
 * teams filled both ways, expiring grants, Okta admin roles, API access, explicit DuploCloud users,
 * adopted groups and accounts), for tests that hold whole outputs to exact expectations.
 */
export const RICH = `duplocloud:
  portal: https://acme.duplocloud.net/
  tenants: [qa01, dev01, prod01]
  users:
    - username: Breakglass@acme.example
      roles: [Administrator]
      reason: Break-glass administrator for Okta outages.
    - username: ci@acme.example
      roles: [User]
      readOnly: true
      tenants:
        - { tenant: qa01, level: read-only }
        - { tenant: dev01, level: read-write }
      reason: The CI pipeline deploys to dev01.
okta:
  app:
    label: DuploCloud (dev)
    signOn:
      mfa: required
      reauthenticateEvery: PT8H
roles:
  administrators:
    owners: [ciso@acme.example]
    members: [Grace@acme.example, ada@acme.example]
  readOnly:
    rule: user.department == "Engineering"
    members: [lin@acme.example]
  securityAdmins:
    name: sec-admins
    members: [ada@acme.example]
    importId: 00g1abcdEFGH2345ijk7
teams:
  - name: payments
    owners: [lead@acme.example]
    rule: user.department == "Payments"
    access:
      - tenant: dev01
        level: read-write
      - tenant: prod01
        level: read-only
        expires: "2099-01-31"
  - name: data
    members: [lin@acme.example, Ada@acme.example]
    access:
      - tenant: qa01
        level: read-only
  - name: oncall
    description: Whoever carries the pager.
    members: [grace@acme.example]
    rule: user.title == "SRE"
    access:
      - tenant: prod01
        level: read-write
users:
  - email: Ada@acme.example
    firstName: Ada
    lastName: Lovelace
  - email: grace@acme.example
    firstName: Grace
    lastName: Hopper
    importId: 00u1abcdEFGH2345ijk7
oktaAdminRoles:
  - role: READ_ONLY_ADMIN
    team: data
  - role: USER_ADMIN
    platformRole: administrators
    targets: { teams: [data], roles: [securityAdmins] }
  - role: SUPER_ADMIN
    platformRole: administrators
    reason: Okta's own administrators | the break-glass path
apiAccess:
  serviceApps:
    - name: sync
      scopes: [okta.users.read, okta.groups.read]
      publicKey: { jwksUri: https://keys.acme.example/jwks.json }
  apiTokens:
    - name: duplocloud-sync
      id: 00T1abcdEFGH2345ijk7
      userId: 00u1abcdEFGH2345ijk8
      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }
`;
