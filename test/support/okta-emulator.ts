export * from "../../src/sandbox/okta-emulator";
