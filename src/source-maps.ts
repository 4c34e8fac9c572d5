/*
 * Stack traces that point at our .ts lines under `pulumi up`. Pulumi's cmd/run installs
 * source-map-support, which replaces Error.prepareStackTrace but cannot read the source maps tsx
 * keeps in memory, so traces pointed at transpiled columns (`validate.ts:2:2465`). Node's own
 * source-map support (`--enable-source-maps` in Pulumi.yaml's nodeargs) can; it applies only while
 * no prepareStackTrace is installed, so the program removes source-map-support's.
 */
if (process.execArgv.includes("--enable-source-maps")) {
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}
