/**
 * The server under test: an app over a copy of the bundled workspace with
 * a fixed day, tokens made through the store, and a checker that holds
 * every response against the OpenAPI document (status and body).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { createApp, type AppConfig } from '../../src/server/app';
import { fixedDayClock } from '../../src/server/clock';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../../src/server/config';
import { buildOpenApi } from '../../src/server/openapi';
import { ROUTES } from '../../src/server/routes';
import { WorkspaceStore, newToken, type Store } from '../../src/store';
import { loadConfig } from '../../src/workspace/config';
import { REPO, copyBundledWorkspace } from '../helpers/workspace';

export const TODAY = '2026-01-15';

export interface TestServer {
  app: Express;
  dir: string;
  store: Store;
  headOffice: string;
  /** A token for one branch (made once per branch). */
  branchToken(id: string): Promise<string>;
}

export async function testServer(options: {
  dir?: string;
  store?: (dir: string) => Promise<Store>;
  server?: Partial<ServerConfig>;
  app?: Partial<AppConfig>;
} = {}): Promise<TestServer> {
  const dir = options.dir ?? copyBundledWorkspace();
  const workspace = loadConfig(dir);
  const store = options.store ? await options.store(dir) : await WorkspaceStore.open(workspace);
  const server: ServerConfig = {
    ...DEFAULT_SERVER_CONFIG,
    authFailures: { limit: 1000, windowMs: 15 * 60 * 1000 },
    ...options.server,
  };
  const app = await createApp(store, { server, workspace, clock: fixedDayClock(TODAY), ...options.app });
  const office = newToken('headOffice', undefined, new Date());
  await store.addToken(office.record);
  const branchTokens = new Map<string, string>();
  return {
    app,
    dir,
    store,
    headOffice: office.token,
    async branchToken(id) {
      let token = branchTokens.get(id);
      if (!token) {
        const made = newToken('branch', id, new Date());
        await store.addToken(made.record);
        token = made.token;
        branchTokens.set(id, token);
      }
      return token;
    },
  };
}

export const OPENAPI = buildOpenApi(ROUTES) as {
  paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(OPENAPI, 'openapi.json');
const compiled = new Map<string, ValidateFunction>();

/** The document's path template a URL falls under (`/api/branches/x` → `/api/branches/{id}`). */
export function templateOf(url: string): string | undefined {
  const pathname = url.split('?')[0];
  return Object.keys(OPENAPI.paths).find((template) => {
    const pattern = new RegExp('^' + template.replace(/\{\w+\}/g, '[^/]+') + '$');
    return pattern.test(pathname);
  });
}

/**
 * Fails unless the document lists this status for the operation and the
 * body matches its schema.
 */
export function expectDocumented(method: string, url: string, res: Response): void {
  const template = templateOf(url);
  if (!template) throw new Error(`${url} is not in the OpenAPI document`);
  const operation = OPENAPI.paths[template][method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the OpenAPI document`);
  const response = operation.responses[String(res.status)];
  if (!response) throw new Error(`${method} ${template} answered ${res.status}, which the OpenAPI document does not list: ${res.text?.slice(0, 300)}`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return;
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"openapi.json#/components/')));
    compiled.set(key, validate);
  }
  if (!validate(res.body)) {
    throw new Error(`${method} ${template} ${res.status}: the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 500)}`);
  }
}

export interface CallOptions {
  token?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/** One request through supertest, checked against the OpenAPI document. */
export async function call(app: Express, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, options: CallOptions = {}): Promise<Response> {
  let req = request(app)[method.toLowerCase() as 'get' | 'put' | 'delete' | 'post'](url);
  if (options.token !== undefined) req = req.set('Authorization', `Bearer ${options.token}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  if (options.body !== undefined) {
    // superagent would turn a Buffer sent as application/json into JSON of its own.
    const type = options.headers?.['Content-Type'] ?? (typeof options.body === 'string' ? 'application/json' : 'application/octet-stream');
    req = req.set('Content-Type', type).send(options.body);
  }
  const res = await req;
  if (templateOf(url) && OPENAPI.paths[templateOf(url)!][method.toLowerCase()]) expectDocumented(method, url, res);
  return res;
}

/** A bundled branch document with another id. */
export function branchDocument(source: string, id: string, change: (doc: Record<string, unknown>) => void = () => undefined): string {
  const doc = JSON.parse(source) as { branch: { id: string } } & Record<string, unknown>;
  doc.branch.id = id;
  change(doc);
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The bundled Turkish branch the page tests change and upload. */
export const KADIKOY = 'tr-istanbul-kadikoy';
/** The step Kadıköy's document leaves out. */
export const INSPECT = { id: 'inspect-item', role: 'desk-clerk', text: 'Ürünü hasar ve eksik parça için inceleyin.' };
/** The parts of a branch document the page tests change. */
export type Doc = { branch: { name?: string }; procedures: Record<string, Record<string, unknown>> };

/** Kadıköy's document as the bundled workspace has it, changed. */
export function kadikoy(change: (doc: Doc) => void): string {
  return branchDocument(fs.readFileSync(path.join(REPO, 'branches', `${KADIKOY}.json`), 'utf8'), KADIKOY, (doc) => change(doc as unknown as Doc));
}

/** A token's secret part (`sopa_<id>_<secret>`): the secret may itself hold `_`. */
export function secretOf(token: string): string {
  const match = /^sopa_[0-9a-f]{16}_(.+)$/.exec(token);
  if (!match) throw new Error('not a token');
  return match[1];
}
