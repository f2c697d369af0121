// Declarations of the engine's JavaScript API (dist/lib/copyimage.js). Hand-written: wasm-bindgen types every
// value crossing as a plain object as `any`. Kept in step with crates/js/src/lib.rs; tests/js/sample.ts uses
// every export and `tsc --noEmit` checks it against this file.

/** Wire parameters: an object of string values (in its key order), or `[name, value]` pairs. */
export type Params = Record<string, string> | Array<[string, string]>;

/** One step of a transcript, run before a request or by `run`. */
export type Step =
  | { request: Record<string, string | number | boolean> | Array<[string, string | number | boolean]> }
  | { http: HttpRequest; wire_time: string }
  | { advance: number }
  | { run_to_next_event: true }
  | { run_to_idle: true }
  | ({ edit: 'set' | 'add' | 'remove' } & Record<string, string | number | boolean>);

/** A full HTTP request as a client sends it. */
export interface HttpRequest {
  method: string;
  host: string;
  path: string;
  query: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Options of `call` and `preview`. Each call starts from its own engine. */
export interface CallOptions {
  /** A preset's name (see `presets()`); default `"default"`. */
  preset?: string;
  /** A whole scenario instead of a preset: the scenario file's object or its JSON text. */
  scenario?: object | string;
  /** Seed of the engine's generator (RequestIds, new IDs); default 1. */
  seed?: number;
  /** The host the request is addressed to (the errors' HostId); default the RegionId's endpoint. */
  host?: string;
  /** Steps run first, in the transcript's step format. */
  steps?: Step[];
}

/** A response value of a success. */
export type Value = string | number | boolean | Value[] | { [field: string]: Value };

/** What a request did, typed. */
export type Outcome =
  | { kind: 'success'; action: string; fields: { [field: string]: Value } }
  | { kind: 'error'; httpStatus: number; code: string; message: string; field?: string };

/** A response and what it means. */
export interface Exchange {
  status: number;
  reason: string;
  /** `[name, value]` in the order sent. */
  headers: Array<[string, string]>;
  body: string;
  requestId: string;
  /** The stable ID of the rule that decided it (an error's catalog entry ID). */
  rule: string;
  /** The rule's explanation, as a reader sees it. */
  why: string;
  outcome: Outcome;
}

/** Options of `sign`: as `copyimage sign`'s flags. */
export interface SignOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`; default now (UTC). */
  timestamp?: string;
  /** SignatureNonce / x-acs-signature-nonce; default a fresh UUID. */
  nonce?: string;
  /** Default GET for v1, POST for v3. */
  method?: 'GET' | 'POST' | 'get' | 'post';
  /** Endpoint host, optionally `http://` or `https://` and a port; default `ecs.<RegionId>.aliyuncs.com`. */
  host?: string;
  /** Signature version; default `"v1"`. */
  version?: 'v1' | 'v3';
  /** POST: the operation's parameters in a form body. */
  form?: boolean;
  securityToken?: string;
  /** v3: the headers to sign; default every header sent. */
  signedHeaders?: string[];
  /** v3: extra headers to send. */
  headers?: Params;
}

/** A signed request: the fields of `copyimage sign --output json`, named as it names them. */
export interface Signed {
  style: 'v1' | 'v3';
  method: string;
  url: string;
  string_to_sign: string;
  signature: string;
  headers: Array<[string, string]>;
  body: string;
  /** v1 only. */
  canonical_query?: string;
  /** v3 only. */
  canonical_request?: string;
  /** v3 only. */
  authorization?: string;
}

/** A transcript: the format `copyimage run` runs. */
export interface Transcript {
  version: 1;
  scenario: { preset: string } | object;
  seed?: number;
  host?: string;
  host_by_region?: boolean;
  steps: Step[];
  responses?: Recorded[];
}

/** What one step produced. */
export type Recorded =
  | {
      kind: 'response';
      step: number;
      status: number;
      headers: Array<[string, string]>;
      body: string;
      rule: string;
      request_id: string;
    }
  | { kind: 'clock'; step: number; world_time: number }
  | { kind: 'edit'; step: number };

/** One documented error. */
export interface CatalogEntry {
  id: string;
  httpStatus: number;
  code: string;
  message: string;
  cause: string;
  source: string;
  /** The setup in words (empty when the preset is used as is). */
  setupNote: string;
  /** The reproduction, as a transcript `run` accepts. */
  transcript: Transcript;
}

export interface Region {
  id: string;
  nameEn: string;
  nameZh: string;
  endpoint: string;
  open: boolean;
}

export interface Preset {
  name: string;
  summary: string;
}

export interface Version {
  /** The engine's version. */
  engine: string;
  /** The ECS API version it simulates (`2014-05-26`). */
  api: string;
  /** The Actions it simulates. */
  actions: string[];
}

/** What `init` accepts: a URL (browsers), a `Response`, the bytes (Node) or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WASM (default: `copyimage.wasm` next to the module). Call it once, before any other export.
 * The resolved value is the raw WASM exports: not part of the API.
 */
export default function init(moduleOrBytes?: InitInput | Promise<InitInput>): Promise<unknown>;

/** The engine's and the API's versions; set once `init()` has resolved. */
export let version: Version;

/** Sends one request to a fresh engine. Throws an `Error` naming the problem on bad input. */
export function call(params: Params, options?: CallOptions): Exchange;
/** What `call` answers, committing nothing. */
export function preview(params: Params, options?: CallOptions): Exchange;
/** Runs a transcript (object or JSON text); returns it with `responses` recorded. */
export function run(transcript: Transcript | string): Transcript & { responses: Recorded[] };
/** Signs a request as `copyimage sign --output json` does. */
export function sign(params: Params, options: SignOptions): Signed;
/** The error catalog. */
export function errors(): CatalogEntry[];
/** Runs a catalog entry: its ID, or an error code (the first entry with it). */
export function reproduce(idOrCode: string): Exchange;
/** The regions the engine knows. */
export function regions(): Region[];
/** The preset worlds. */
export function presets(): Preset[];
