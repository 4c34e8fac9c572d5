export * from "../../src/sandbox/duplo-emulator";
