import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";

/*
 * Drives dynamic resources the way the engine does: Pulumi's own dynamic-provider host
 * (@pulumi/pulumi/cmd/dynamic-provider, which the `pulumi-resource-pulumi-nodejs` plugin script
 * starts with plain `node`, no tsx and no nodeargs; see sdk/nodejs/dist/ in pulumi/pulumi) is
 * started as a child process, prints its port, and is called over gRPC with Configure, Check,
 * Diff, Create, Read, Update and Delete. Each call carries the resource's serialised provider in
 * `__provider`, exactly as the program registered it, so what runs is the code Pulumi's closure
 * serialiser produced, not the module this test process imported. Properties go over the wire
 * without secret wrappers: the host answers Configure with acceptSecrets false, and the engine
 * then strips them (pkg/resource/plugin/provider_plugin.go).
 */

type Properties = Record<string, unknown>;

export interface DiffResult {
  readonly changes: "none" | "some" | "unknown";
  readonly replaces: readonly string[];
  readonly deleteBeforeReplace: boolean;
}

/** A call the provider failed, with what the engine would show the user. */
export class ProviderCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(`${method} failed (gRPC ${code}): ${details}`);
  }
}

export class DynamicProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: grpc.Client & Record<string, (...args: unknown[]) => unknown>,
    private readonly engine: grpc.Server,
    private readonly stderrChunks: string[],
  ) {}

  /** What the host printed on stderr (it logs failures there). */
  get stderr(): string {
    return this.stderrChunks.join("");
  }

  /** Starts the host from `rootDirectory`, resolving it as the plugin script does. */
  static async start(rootDirectory: string): Promise<DynamicProviderHost> {
    // The host takes the engine's address as its first argument; a minimal Engine service answers logs.
    const engine = new grpc.Server();
    engine.addService(engineRpc.EngineService, { log: (_call: unknown, callback: (e: null, v: Empty) => void) => callback(null, new Empty()) });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    const script = createRequire(path.join(rootDirectory, "noop.js")).resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PULUMI_") && key !== "NODE_OPTIONS" && key !== "NODE_TEST_CONTEXT"));
    const child = spawn(process.execPath, [script, `127.0.0.1:${enginePort}`], { cwd: rootDirectory, env: inherited, stdio: ["ignore", "pipe", "pipe"] });
    const stderrChunks: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => stderrChunks.push(chunk.toString("utf8")));
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const match = /^(\d+)\s*$/m.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.on("exit", (code) => reject(new Error(`the dynamic-provider host exited (${code}) before printing its port: ${stderrChunks.join("")}`)));
    });
    const Client = providerRpc.ResourceProviderClient as unknown as new (
      address: string,
      credentials: grpc.ChannelCredentials,
    ) => grpc.Client & Record<string, (...args: unknown[]) => unknown>;
    const host = new DynamicProviderHost(child, new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()), engine, stderrChunks);
    const configure = new providerProto.ConfigureRequest();
    configure.setArgs(Struct.fromJavaScript({}));
    configure.setAcceptsecrets(true);
    configure.setAcceptresources(true);
    await host.call("configure", configure);
    return host;
  }

  async stop(): Promise<void> {
    this.client.close();
    this.engine.forceShutdown();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill();
      await exited;
    }
  }

  async check(urn: string, olds: Properties, news: Properties): Promise<{ inputs: Properties; failures: string[] }> {
    const request = new providerProto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = (await this.call("check", request)) as providerProto.CheckResponse;
    return { inputs: toJs(response.getInputs()), failures: response.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`) };
  }

  async diff(id: string, urn: string, olds: Properties, news: Properties): Promise<DiffResult> {
    const request = new providerProto.DiffRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = (await this.call("diff", request)) as providerProto.DiffResponse;
    const answered = response.getChanges();
    const { DIFF_NONE, DIFF_SOME } = providerProto.DiffResponse.DiffChanges;
    const changes: DiffResult["changes"] = answered === DIFF_NONE ? "none" : answered === DIFF_SOME ? "some" : "unknown";
    return { changes, replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
  }

  async create(urn: string, properties: Properties): Promise<{ id: string; properties: Properties }> {
    const request = new providerProto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const response = (await this.call("create", request)) as providerProto.CreateResponse;
    return { id: response.getId(), properties: toJs(response.getProperties()) };
  }

  async read(id: string, urn: string, properties: Properties): Promise<{ id: string; properties: Properties }> {
    const request = new providerProto.ReadRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const response = (await this.call("read", request)) as providerProto.ReadResponse;
    return { id: response.getId(), properties: toJs(response.getProperties()) };
  }

  async update(id: string, urn: string, olds: Properties, news: Properties): Promise<Properties> {
    const request = new providerProto.UpdateRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = (await this.call("update", request)) as providerProto.UpdateResponse;
    return toJs(response.getProperties());
  }

  async delete(id: string, urn: string, properties: Properties): Promise<void> {
    const request = new providerProto.DeleteRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(struct(properties));
    await this.call("delete", request);
  }

  private call(method: string, request: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.client[method]!(request, (error: grpc.ServiceError | null, response: unknown) =>
        error ? reject(new ProviderCallError(method, error.code, error.details)) : resolve(response),
      );
    });
  }
}

function struct(value: Properties): Struct {
  return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

function toJs(value: Struct | undefined): Properties {
  return (value?.toJavaScript() ?? {}) as Properties;
}
