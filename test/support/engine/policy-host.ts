import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type { Registration } from "./recording-engine";

/*
 * A policy pack run the way `pulumi preview --policy-pack DIR` runs it, as the engine's side of the
 * analyzer protocol (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go):
 * - the nodejs language host starts `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <pack dir>`
 *   in the pack's directory (sdk/nodejs/cmd/pulumi-language-nodejs, RunPlugin), with no tsx:
 *   run-policy-pack compiles the TypeScript pack itself with ts-node, type-checked;
 * - the pack prints the port of its Analyzer gRPC server on stdout;
 * - the engine calls GetAnalyzerInfo and Configure, then Analyze with each resource's inputs while
 *   it generates steps (before the step runs), and AnalyzeStack with every resource's outputs once
 *   all steps succeeded (pkg/resource/deploy/step_generator.go, deployment_executor.go).
 */

/** Enforcement levels as the engine receives them (proto/analyzer.proto EnforcementLevel). */
export const ENFORCEMENT = ["advisory", "mandatory", "disabled", "remediate"] as const;

export interface Diagnostic {
  readonly policy: string;
  readonly message: string;
  readonly enforcement: (typeof ENFORCEMENT)[number];
  readonly urn: string;
}

const localRequire = createRequire(__filename);
const RUN_POLICY_PACK = path.dirname(localRequire.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js"));

type AnalyzerClient = InstanceType<typeof analyzerRpc.AnalyzerClient>;

export class PolicyPackHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    readonly stderr: () => string,
  ) {}

  /** Starts the pack in `packDir` and connects to it; fails with the pack's stderr if it does not serve. */
  static async start(packDir: string, timeoutMs = 120_000): Promise<PolicyPackHost> {
    // The engine's address is the first argument; run-policy-pack drops it before running the pack.
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the policy pack did not print its port within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout!.on("data", (chunk) => {
        stdout += chunk;
        const line = /^(\d+)\s*$/m.exec(stdout);
        if (line) {
          clearTimeout(timer);
          resolve(Number(line[1]));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the policy pack exited (${code}) before serving:\n${stderr}`));
      });
    });
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new PolicyPackHost(child, client, () => stderr);
  }

  stop(): void {
    this.client.close();
    this.child.kill();
  }

  private call<Req, Res>(method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => method.call(this.client, request, (error, response) => (error ? reject(error) : resolve(response))));
  }

  /** The pack's name and each policy with the enforcement level it declares. */
  async info(): Promise<{ name: string; policies: Array<{ name: string; enforcement: string }> }> {
    const response = await this.call<Empty, analyzerProto.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty());
    return { name: response.getName(), policies: response.getPoliciesList().map((p) => ({ name: p.getName(), enforcement: ENFORCEMENT[p.getEnforcementlevel()]! })) };
  }

  /** Configure as the engine sends it when the stack sets no policy config. */
  async configure(): Promise<void> {
    await this.call(this.client.configure, new analyzerProto.ConfigureAnalyzerRequest());
  }

  /** Analyze of one resource's inputs, as during step generation (before the step runs). */
  async analyze(registration: Registration): Promise<Diagnostic[]> {
    const request = new analyzerProto.AnalyzeRequest();
    request.setType(registration.type);
    request.setName(registration.name);
    request.setUrn(registration.urn);
    request.setProperties(Struct.fromJavaScript(registration.inputs as Record<string, never>));
    request.setOptions(resourceOptions(registration));
    const response = await this.call<analyzerProto.AnalyzeRequest, analyzerProto.AnalyzeResponse>(this.client.analyze, request);
    return diagnostics(response.getDiagnosticsList());
  }

  /** AnalyzeStack over resources whose outputs are `outputsOf` them (on a preview: the inputs, unknowns included). */
  async analyzeStack(registrations: readonly Registration[], outputsOf: (registration: Registration) => Record<string, unknown> = (r) => r.inputs): Promise<Diagnostic[]> {
    const request = new analyzerProto.AnalyzeStackRequest();
    request.setResourcesList(
      registrations.map((registration) => {
        const resource = new analyzerProto.AnalyzerResource();
        resource.setType(registration.type);
        resource.setName(registration.name);
        resource.setUrn(registration.urn);
        resource.setProperties(Struct.fromJavaScript(outputsOf(registration) as Record<string, never>));
        resource.setOptions(resourceOptions(registration));
        resource.setParent(registration.parent);
        return resource;
      }),
    );
    const response = await this.call<analyzerProto.AnalyzeStackRequest, analyzerProto.AnalyzeResponse>(this.client.analyzeStack, request);
    return diagnostics(response.getDiagnosticsList());
  }
}

function resourceOptions(registration: Registration): analyzerProto.AnalyzerResourceOptions {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setParent(registration.parent);
  options.setProtect(registration.protect ?? false);
  options.setIgnorechangesList([...registration.ignoreChanges]);
  options.setAdditionalsecretoutputsList([...registration.additionalSecretOutputs]);
  options.setDeletebeforereplace(registration.deleteBeforeReplace);
  return options;
}

function diagnostics(list: analyzerProto.AnalyzeDiagnostic[]): Diagnostic[] {
  return list.map((d) => ({ policy: d.getPolicyname(), message: d.getMessage(), enforcement: ENFORCEMENT[d.getEnforcementlevel()]!, urn: d.getUrn() }));
}
