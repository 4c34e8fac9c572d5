import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as callbackRpc from "@pulumi/pulumi/proto/callback_grpc_pb";
import * as callbackProto from "@pulumi/pulumi/proto/callback_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { configEnvironment, type ProgramLaunch } from "./launch";
import { UNKNOWN } from "./wire";

/*
 * A recording Pulumi engine: it serves the ResourceMonitor and Engine gRPC services on loopback,
 * starts the program exactly as the nodejs language host does (see launch.ts), and applies the
 * engine's rules that matter to this stack, citing pulumi/pulumi:
 * - duplicate URNs are refused (pkg/resource/deploy/step_generator.go, "Duplicate resource URN");
 * - a custom resource or invoke without an explicit provider gets its package's default provider,
 *   unless `pulumi:disable-default-providers` lists the package or "*"; only the `pulumi` package is
 *   exempt (pkg/resource/deploy/source_eval.go `shouldDenyRequest`);
 * - a provider reference must name a provider registered earlier, of the resource's package, with
 *   the ID the engine gave it (pkg/resource/deploy/providers/reference.go, source_eval.go);
 * - a preview gives new custom resources no ID, and new providers the unknown ID
 *   (pkg/resource/deploy/providers/registry.go Create), so their outputs are unknown to the program;
 * - on `up`, a create that fails (`providerCreate` answers an error) runs the resource's error hooks
 *   with the failed operation, the inputs and the errors newest first, again while one asks for a
 *   retry, at most 100 failures in all; a hook that answers an error fails the step with
 *   `error hook "<name>" failed: ...`; the step's failure ends the deployment
 *   (pkg/resource/deploy/step.go CreateStep.Apply, retries.go `withRetries`, deployment.go
 *   `RunErrorHooks`). Hooks are called back through the program's Callbacks service, as the engine
 *   calls them (pkg/resource/deploy/source_eval.go RegisterErrorHook, proto/pulumi/callback.proto).
 * Everything the program sends is recorded: registrations with their options, invokes and logs.
 * A refusal ends the run, as it ends a real deployment: the engine stops the update and the
 * program with it (the SDK would otherwise spend a minute printing the whole resource graph).
 */

export interface Registration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  /** `urn::id` of the provider, or "" (then a default provider was asked for). */
  readonly provider: string;
  /** Inputs in Pulumi's wire format (secrets still wrapped, unknowns as the unknown sentinel). */
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean | undefined;
  readonly retainOnDelete: boolean | undefined;
  readonly importId: string;
  readonly ignoreChanges: readonly string[];
  /** Each alias: a URN, or a spec (an empty field keeps the resource's own name, type or parent). */
  readonly aliases: readonly { readonly name: string; readonly type: string; readonly urn: string; readonly noParent: boolean }[];
  readonly deleteBeforeReplace: boolean;
  readonly additionalSecretOutputs: readonly string[];
  readonly sourcePosition: { readonly uri: string; readonly line: number } | undefined;
  /** Outputs the component registered (registerOutputs), if any. */
  outputs?: Record<string, unknown>;
  /** The ID the engine answered. */
  readonly id: string;
}

export interface FailedCreate {
  readonly urn: string;
  readonly errors: readonly string[];
  /** The names of the error hooks the engine called, once per call. */
  readonly hooksCalled: readonly string[];
  /** The error a hook answered, which failed the step instead. */
  readonly hookError?: string;
}

export interface Invocation {
  readonly token: string;
  readonly args: Record<string, unknown>;
  readonly provider: string;
}

export interface LogEntry {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn: string;
}

export interface RunOptions {
  /** `pulumi preview` (true) or `pulumi up` (false). */
  readonly dryRun: boolean;
  /**
   * What the engine answers for a custom resource on `up`: its ID and output state (in the wire
   * format). Default: the inputs echoed back and `<name>-id`.
   */
  readonly outputsOf?: (type: string, name: string, inputs: Record<string, unknown>) => { id: string; state: Record<string, unknown> };
  /**
   * The provider's create of a custom resource on `up`, run before the engine answers: an `error`
   * makes the create fail (then the resource's error hooks run). Default: every create succeeds.
   */
  readonly providerCreate?: (type: string, name: string, inputs: Record<string, unknown>) => Promise<{ readonly error?: string }>;
  /** Answers to invokes by token. An invoke with no answer fails, as an unknown function would. */
  readonly invokes?: Readonly<Record<string, (args: Record<string, unknown>) => Record<string, unknown>>>;
  /** Extra environment for the program (the CLI passes its own environment through). */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the program is killed. Default 120 s. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly registrations: readonly Registration[];
  readonly invokes: readonly Invocation[];
  readonly logs: readonly LogEntry[];
  /** What the engine refused, with the engine's message. */
  readonly refusals: readonly string[];
  /** Creates that failed: the resource, the errors newest first, and what its error hooks did. */
  readonly failedCreates: readonly FailedCreate[];
  /** URN of the stack resource the program set as its root. */
  readonly rootUrn: string;
}

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

type Callback<T> = (error: grpc.ServiceError | { code: grpc.status; details: string } | null, value?: T) => void;
type Call<T> = { request: T };

/** Runs the program of `launch` once against a fresh recording engine. */
export async function runProgramUnderEngine(launch: ProgramLaunch, options: RunOptions): Promise<RunResult> {
  const state = new EngineState(launch, options);
  const server = new grpc.Server();
  server.addService(resourceRpc.ResourceMonitorService, state.monitorService());
  server.addService(engineRpc.EngineService, state.engineService());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const address = `127.0.0.1:${port}`;
  try {
    const { exitCode, stdout, stderr } = await startProgram(launch, address, options, (stop) => (state.onRefusal = stop));
    return {
      exitCode,
      stdout,
      stderr,
      registrations: state.registrations,
      invokes: state.invocations,
      logs: state.logs,
      refusals: state.refusals,
      failedCreates: state.failedCreates,
      rootUrn: state.rootUrn,
    };
  } finally {
    server.forceShutdown();
  }
}

/** `node <nodeargs> <cmd/run> ...flags <entry>`, from the project root, like the language host. */
function startProgram(
  launch: ProgramLaunch,
  address: string,
  options: RunOptions,
  onStart: (stop: () => void) => void,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  // The language host resolves cmd/run from the program directory (main.go `locateModule`).
  const runPath = createRequire(path.join(launch.programDirectory, "noop.js")).resolve("@pulumi/pulumi/cmd/run");
  const args = [
    ...launch.nodeArgs,
    runPath,
    "--monitor",
    address,
    "--engine",
    address,
    "--organization",
    "organization",
    "--project",
    launch.project,
    "--root-directory",
    launch.rootDirectory,
    "--stack",
    launch.stack,
    "--pwd",
    launch.programDirectory,
    ...(options.dryRun ? ["--dry-run"] : []),
    "--parallel",
    "16",
    launch.entryPoint,
  ];
  // The CLI's own environment passes through; nothing from this test process's Pulumi runtime may.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("PULUMI_") && key !== "NODE_TEST_CONTEXT" && key !== "NODE_OPTIONS"),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: launch.rootDirectory,
      env: { ...inherited, ...configEnvironment(launch), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    onStart(() => setTimeout(() => child.kill("SIGKILL"), 200));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

class EngineState {
  readonly registrations: Registration[] = [];
  readonly invocations: Invocation[] = [];
  readonly logs: LogEntry[] = [];
  readonly refusals: string[] = [];
  readonly failedCreates: FailedCreate[] = [];
  rootUrn = "";
  /** Error hooks the program registered: name -> where to call it back. */
  private readonly errorHooks = new Map<string, { readonly target: string; readonly token: string }>();
  /** Called when the engine refuses something: the run stops. */
  onRefusal: () => void = () => {};
  private readonly byUrn = new Map<string, Registration>();
  private readonly deniedPackages: readonly string[];

  constructor(
    private readonly launch: ProgramLaunch,
    private readonly options: RunOptions,
  ) {
    const raw = launch.config["pulumi:disable-default-providers"];
    this.deniedPackages = raw ? (JSON.parse(raw) as string[]).map((name) => name.trim()) : [];
  }

  monitorService(): grpc.UntypedServiceImplementation {
    const unimplemented = (name: string) => (_call: unknown, callback: Callback<never>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `the recording engine does not implement ${name}` });
    return {
      supportsFeature: (call: Call<resourceProto.SupportsFeatureRequest>, callback: Callback<resourceProto.SupportsFeatureResponse>) => {
        const response = new resourceProto.SupportsFeatureResponse();
        // Features a current engine has; callbacks-based ones other than error hooks (transforms,
        // resource hooks) are answered "no", so a program that needed them would fail here
        // visibly rather than half-work.
        response.setHassupport(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs", "parameterization", "errorHooks"].includes(call.request.getId()));
        callback(null, response);
      },
      registerResource: (call: Call<resourceProto.RegisterResourceRequest>, callback: Callback<resourceProto.RegisterResourceResponse>) => {
        this.register(call.request).then(
          (response) => callback(null, response),
          (error: Error) => (error instanceof StepFailure ? this.fail(error, callback) : this.refuse(error, callback)),
        );
      },
      registerResourceOutputs: (call: Call<resourceProto.RegisterResourceOutputsRequest>, callback: Callback<Empty>) => {
        const registration = this.byUrn.get(call.request.getUrn());
        if (!registration) {
          callback({ code: grpc.status.NOT_FOUND, details: `unknown resource ${call.request.getUrn()}` });
          return;
        }
        registration.outputs = (call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        callback(null, new Empty());
      },
      invoke: (call: Call<resourceProto.ResourceInvokeRequest>, callback: Callback<providerProto.InvokeResponse>) => {
        try {
          callback(null, this.invoke(call.request));
        } catch (error) {
          this.refuse(error as Error, callback);
        }
      },
      registerPackage: (_call: unknown, callback: Callback<resourceProto.RegisterPackageResponse>) => {
        const response = new resourceProto.RegisterPackageResponse();
        response.setRef(`package-${this.registrations.length}`);
        callback(null, response);
      },
      signalAndWaitForShutdown: (_call: unknown, callback: Callback<Empty>) => callback(null, new Empty()),
      readResource: unimplemented("ReadResource"),
      call: unimplemented("Call"),
      registerStackTransform: unimplemented("RegisterStackTransform"),
      registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
      registerResourceHook: unimplemented("RegisterResourceHook"),
      registerErrorHook: (call: Call<resourceProto.RegisterErrorHookRequest>, callback: Callback<Empty>) => {
        const name = call.request.getName();
        const where = call.request.getCallback();
        if (this.errorHooks.has(name) || !where) {
          callback({ code: grpc.status.INVALID_ARGUMENT, details: `error hook ${name} already registered` });
          return;
        }
        this.errorHooks.set(name, { target: where.getTarget(), token: where.getToken() });
        callback(null, new Empty());
      },
      getDeploymentInfo: unimplemented("GetDeploymentInfo"),
    };
  }

  engineService(): grpc.UntypedServiceImplementation {
    return {
      log: (call: Call<engineProto.LogRequest>, callback: Callback<Empty>) => {
        this.logs.push({ severity: SEVERITIES[call.request.getSeverity()] ?? "error", message: call.request.getMessage(), urn: call.request.getUrn() });
        callback(null, new Empty());
      },
      getRootResource: (_call: unknown, callback: Callback<engineProto.GetRootResourceResponse>) => {
        const response = new engineProto.GetRootResourceResponse();
        response.setUrn(this.rootUrn);
        callback(null, response);
      },
      setRootResource: (call: Call<engineProto.SetRootResourceRequest>, callback: Callback<engineProto.SetRootResourceResponse>) => {
        this.rootUrn = call.request.getUrn();
        callback(null, new engineProto.SetRootResourceResponse());
      },
      startDebugging: (_call: unknown, callback: Callback<Empty>) => callback({ code: grpc.status.UNIMPLEMENTED, details: "no debugger" }),
      requirePulumiVersion: (_call: unknown, callback: Callback<Empty>) => callback(null, new Empty()),
    };
  }

  /** A failed step: the deployment ends, as the engine ends it. */
  private fail(error: Error, callback: Callback<never>): void {
    callback({ code: grpc.status.UNKNOWN, details: error.message });
    this.onRefusal();
  }

  /** The create of `urn` failed with `error`: its error hooks run as the engine runs them; throws the step's failure. */
  private async failCreate(urn: string, request: resourceProto.RegisterResourceRequest, inputs: Record<string, unknown>, error: string): Promise<never> {
    const errors = [error];
    const hooksCalled: string[] = [];
    const hookNames = request.getHooks()?.getOnErrorList() ?? [];
    for (const name of hookNames) {
      const hook = this.errorHooks.get(name);
      if (!hook) {
        this.failedCreates.push({ urn, errors, hooksCalled, hookError: `error hook "${name}" was not registered` });
        throw new StepFailure(`error hooks execution failed: error hook "${name}" was not registered`);
      }
      hooksCalled.push(name);
      const answer = await callErrorHook(hook, urn, request, inputs, errors);
      if (answer.getError()) {
        this.failedCreates.push({ urn, errors, hooksCalled, hookError: answer.getError() });
        throw new StepFailure(`error hooks execution failed: error hook "${name}" failed: ${answer.getError()}`);
      }
      // A retry would run the provider's create again; the stack's hooks never ask for one.
      if (answer.getRetry()) throw new Error(`error hook ${name} asked for a retry, which this recording engine does not run`);
    }
    this.failedCreates.push({ urn, errors, hooksCalled });
    throw new StepFailure(`creating ${urn}: ${error}`);
  }

  private refuse(error: Error, callback: Callback<never>): void {
    this.refusals.push(error.message);
    callback({ code: grpc.status.INVALID_ARGUMENT, details: error.message });
    this.onRefusal();
  }

  private urnOf(parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2]! : "";
    // Children of the root stack do not carry its type (pkg/resource/urn.go NewURN with the stack as parent).
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${this.launch.stack}::${this.launch.project}::${qualified}::${name}`;
  }

  private async register(request: resourceProto.RegisterResourceRequest): Promise<resourceProto.RegisterResourceResponse> {
    const type = request.getType();
    const name = request.getName();
    const parent = request.getParent();
    const urn = this.urnOf(parent, type, name);
    if (this.byUrn.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    if (parent && !this.byUrn.has(parent) && parent !== this.rootUrn) throw new Error(`${urn}: parent ${parent} was never registered`);
    const custom = request.getCustom();
    const isProvider = type.startsWith("pulumi:providers:");
    const provider = request.getProvider();
    if (custom && !isProvider) this.checkProvider(urn, packageOf(type), provider);

    const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    let id = "";
    let state: Record<string, unknown> = inputs;
    if (isProvider) {
      id = this.options.dryRun ? UNKNOWN : `${name}-provider-id`;
    } else if (custom && !this.options.dryRun) {
      const created = await this.options.providerCreate?.(type, name, inputs);
      if (created?.error !== undefined) await this.failCreate(urn, request, inputs, created.error);
      ({ id, state } = (this.options.outputsOf ?? ((_t, n, i) => ({ id: `${n}-id`, state: i })))(type, name, inputs));
    } else if (!custom) {
      state = {};
    }
    const position = request.getSourceposition();
    const registration: Registration = {
      urn,
      type,
      name,
      custom,
      parent,
      provider,
      inputs,
      protect: request.hasProtect() ? request.getProtect() : undefined,
      retainOnDelete: request.hasRetainondelete() ? request.getRetainondelete() : undefined,
      importId: request.getImportid(),
      ignoreChanges: request.getIgnorechangesList(),
      aliases: request.getAliasesList().map((alias) => ({
        urn: alias.getUrn(),
        name: alias.getSpec()?.getName() ?? "",
        type: alias.getSpec()?.getType() ?? "",
        noParent: alias.getSpec()?.getNoparent() ?? false,
      })),
      deleteBeforeReplace: request.getDeletebeforereplace(),
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      sourcePosition: position ? { uri: position.getUri(), line: position.getLine() } : undefined,
      id,
    };
    this.registrations.push(registration);
    this.byUrn.set(urn, registration);
    if (type === "pulumi:pulumi:Stack") this.rootUrn = urn;

    const response = new resourceProto.RegisterResourceResponse();
    response.setUrn(urn);
    response.setId(id);
    response.setObject(Struct.fromJavaScript(state as Parameters<typeof Struct.fromJavaScript>[0]));
    return response;
  }

  private invoke(request: resourceProto.ResourceInvokeRequest): providerProto.InvokeResponse {
    const token = request.getTok();
    const args = (request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    this.checkProvider(`invoke ${token}`, packageOf(token), request.getProvider());
    this.invocations.push({ token, args, provider: request.getProvider() });
    const answer = this.options.invokes?.[token];
    if (!answer) throw new Error(`unknown function ${token}`);
    const response = new providerProto.InvokeResponse();
    response.setReturn(Struct.fromJavaScript(answer(args) as Parameters<typeof Struct.fromJavaScript>[0]));
    response.setFailuresList([] as providerProto.CheckFailure[]);
    return response;
  }

  /** The engine's provider rules: an explicit reference must resolve; a default one must not be disabled. */
  private checkProvider(subject: string, pkg: string, reference: string): void {
    if (reference === "") {
      if (pkg === "pulumi") return;
      if (this.deniedPackages.includes("*") || this.deniedPackages.includes(pkg)) {
        throw new Error(`Default provider for '${pkg}' disabled. '${subject}' must use an explicit provider.`);
      }
      return;
    }
    const separator = reference.lastIndexOf("::");
    const providerUrn = reference.slice(0, separator);
    const providerId = reference.slice(separator + 2);
    const registered = this.byUrn.get(providerUrn);
    if (!registered || !registered.type.startsWith("pulumi:providers:")) throw new Error(`${subject}: provider reference ${reference} names no registered provider`);
    if (registered.type !== `pulumi:providers:${pkg}`) throw new Error(`${subject}: provider ${providerUrn} is not a provider of package ${pkg}`);
    if (registered.id !== providerId) throw new Error(`${subject}: provider reference ${reference} has the wrong ID (the engine gave ${registered.id})`);
  }
}

/** A step that failed (not a rule the engine enforces): the deployment ends with its message. */
class StepFailure extends Error {}

/** Calls an error hook back through the program's Callbacks service, with the engine's ErrorHookRequest. */
function callErrorHook(
  hook: { readonly target: string; readonly token: string },
  urn: string,
  request: resourceProto.RegisterResourceRequest,
  inputs: Record<string, unknown>,
  errors: readonly string[],
): Promise<resourceProto.ErrorHookResponse> {
  const hookRequest = new resourceProto.ErrorHookRequest();
  hookRequest.setUrn(urn);
  hookRequest.setId("");
  hookRequest.setName(request.getName());
  hookRequest.setType(request.getType());
  hookRequest.setNewInputs(Struct.fromJavaScript(inputs as Parameters<typeof Struct.fromJavaScript>[0]));
  hookRequest.setFailedOperation("create");
  hookRequest.setErrorsList([...errors]);
  const invoke = new callbackProto.CallbackInvokeRequest();
  invoke.setToken(hook.token);
  invoke.setRequest(hookRequest.serializeBinary());
  const client = new callbackRpc.CallbacksClient(hook.target, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.invoke(invoke, (error: grpc.ServiceError | null, response?: callbackProto.CallbackInvokeResponse) => {
      client.close();
      if (error) reject(error);
      else resolve(resourceProto.ErrorHookResponse.deserializeBinary(response!.getResponse_asU8()));
    }),
  );
}

/** The package of a type or function token (`okta:group/group:Group` -> `okta`). */
function packageOf(token: string): string {
  return token.split(":")[0]!;
}
