export * from "../../src/sandbox/seed-from-plan";
