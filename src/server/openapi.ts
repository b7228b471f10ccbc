/**
 * The OpenAPI 3.1 document of the API, built from the same route table the
 * app is wired from (routes.ts), so the two cannot drift apart; a test
 * checks real responses against it. The report's schemas are sopaudit's
 * own (src/schemas), embedded under components with their references
 * rewritten.
 */
import reportSchema from '../schemas/report.schema.json';
import waiversSchema from '../schemas/waivers.schema.json';
import { JSON_PROBLEM_CODES } from '../engine';
import { TOOL } from '../version';
import type { RouteSpec } from './routes';

type Schema = Record<string, unknown>;


const SUBMISSION_PROPERTIES: Record<string, Schema> = {
  branch: { type: 'string' },
  version: { type: 'integer', minimum: 1 },
  createdAt: { type: 'string', format: 'date-time' },
  source: { enum: ['upload', 'workspace'], description: 'An API upload, or a branch file found in the workspace.' },
  tokenId: { type: ['string', 'null'], description: 'Id of the token that uploaded it (never the token).' },
  valid: { type: 'boolean' },
  score: { type: 'integer', minimum: 0, maximum: 100, description: 'The score when it was stored.' },
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  size: { type: 'integer', minimum: 0 },
};

const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error', 'message'],
    additionalProperties: false,
    properties: {
      error: { type: 'string', description: 'A stable code, e.g. unauthorized, forbidden, not_found, payload_too_large.' },
      message: { type: 'string', description: 'What is wrong, for a person.' },
    },
  },
  JsonError: {
    type: 'object',
    required: ['error', 'message', 'problem', 'line', 'column'],
    additionalProperties: false,
    properties: {
      error: { const: 'invalid_json' },
      message: { type: 'string' },
      problem: { enum: JSON_PROBLEM_CODES },
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1, description: 'In characters (code points), as editors count.' },
    },
  },
  InvalidDocument: {
    type: 'object',
    required: ['error', 'message', 'valid', 'score', 'findings'],
    additionalProperties: false,
    properties: {
      error: { const: 'invalid_document' },
      message: { type: 'string' },
      valid: { const: false },
      score: { type: 'integer', minimum: 0, maximum: 100 },
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
    },
  },
  UploadResult: {
    type: 'object',
    required: ['version', 'valid', 'score', 'findings'],
    additionalProperties: false,
    properties: {
      version: { type: 'integer', minimum: 1 },
      valid: { type: 'boolean' },
      score: { type: 'integer', minimum: 0, maximum: 100 },
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
    },
  },
  FindingCounts: {
    type: 'object',
    required: ['error', 'warning', 'info'],
    additionalProperties: false,
    properties: {
      error: { type: 'integer', minimum: 0 },
      warning: { type: 'integer', minimum: 0 },
      info: { type: 'integer', minimum: 0 },
    },
  },
  BranchSummary: {
    type: 'object',
    required: ['id', 'file', 'version', 'updatedAt', 'valid', 'score', 'findings', 'waived'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      updatedAt: { type: 'string', format: 'date-time' },
      valid: { type: 'boolean' },
      score: { type: 'integer', minimum: 0, maximum: 100 },
      findings: { $ref: '#/components/schemas/FindingCounts', description: 'Unwaived findings by severity.' },
      waived: { type: 'integer', minimum: 0 },
    },
  },
  BranchList: {
    type: 'object',
    required: ['branches'],
    additionalProperties: false,
    properties: { branches: { type: 'array', items: { $ref: '#/components/schemas/BranchSummary' } } },
  },
  Branch: {
    type: 'object',
    required: ['id', 'file', 'version', 'updatedAt', 'valid', 'score', 'findings'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      updatedAt: { type: 'string', format: 'date-time' },
      valid: { type: 'boolean' },
      score: { type: 'integer', minimum: 0, maximum: 100 },
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
    },
  },
  Submission: {
    type: 'object',
    required: Object.keys(SUBMISSION_PROPERTIES),
    additionalProperties: false,
    properties: SUBMISSION_PROPERTIES,
  },
  History: {
    type: 'object',
    required: ['branch', 'versions'],
    additionalProperties: false,
    properties: {
      branch: { type: 'string' },
      versions: { type: 'array', items: { $ref: '#/components/schemas/Submission' }, description: 'Oldest first.' },
    },
  },
  SubmissionDocument: {
    type: 'object',
    required: Object.keys(SUBMISSION_PROPERTIES),
    additionalProperties: false,
    properties: {
      ...SUBMISSION_PROPERTIES,
      document: { description: 'The document, when the stored bytes are JSON.' },
      text: { type: 'string', description: 'The stored text, when it is not JSON (a broken workspace file).' },
    },
    oneOf: [{ required: ['document'] }, { required: ['text'] }],
  },
  Health: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: { status: { enum: ['ok', 'unavailable'] } },
  },
  ...embedReportSchemas(),
};

/** sopaudit's report schema (and the waiver it refers to) as OpenAPI components. */
function embedReportSchemas(): Record<string, Schema> {
  const report = reportSchema as unknown as Schema;
  const defs = report.$defs as Record<string, Schema>;
  const names = new Map<string, string>();
  for (const [key, def] of Object.entries(defs)) names.set(`#/$defs/${key}`, String(def.title));
  names.set('waivers.schema.json#/$defs/waiver', 'Waiver');
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Schema = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$schema' || key === '$id' || key === '$defs' || key === 'tsType') continue;
      if (key === '$ref' && typeof item === 'string') {
        const name = names.get(item);
        if (!name) throw new Error(`openapi: cannot embed $ref ${item}`);
        out.$ref = `#/components/schemas/${name}`;
      } else {
        out[key] = rewrite(item);
      }
    }
    return out;
  };
  const out: Record<string, Schema> = { Report: rewrite(report) as Schema };
  for (const def of Object.values(defs)) out[String(def.title)] = rewrite(def) as Schema;
  out.Waiver = rewrite((waiversSchema.$defs as Record<string, Schema>).waiver) as Schema;
  return out;
}

const PARAMETERS: Record<string, Schema> = {
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Branch id: letters, digits, ".", "_" and "-", at most 64, not only dots.',
    schema: { type: 'string', pattern: '^(?!\\.+$)[A-Za-z0-9._-]{1,64}$' },
  },
  version: {
    name: 'version',
    in: 'path',
    required: true,
    description: 'Version number, from 1.',
    schema: { type: 'integer', minimum: 1 },
  },
};

/** Express's `/a/:id` as OpenAPI's `/a/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

export function buildOpenApi(routes: readonly RouteSpec[]): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => {
      const parameter = PARAMETERS[m[1]];
      if (!parameter) throw new Error(`openapi: no description of the path parameter ${m[1]}`);
      return parameter;
    });
    const responses: Record<string, Schema> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const entry: Schema = { description: response.description };
      if (response.schema) {
        const schema = Array.isArray(response.schema)
          ? { oneOf: response.schema.map((name) => ({ $ref: `#/components/schemas/${name}` })) }
          : { $ref: `#/components/schemas/${response.schema}` };
        entry.content = { 'application/json': { schema } };
      }
      if (response.headers) entry.headers = response.headers;
      responses[status] = entry;
    }
    responses['500'] ??= { description: 'An error the server did not expect (logged; the body never holds details).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const operation: Schema = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              description: 'A branch document (JSON, UTF-8), valid against the workspace schema. Read as bytes: positions in findings are positions in this body.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          }
        : {}),
      security: route.auth ? [{ bearerAuth: [] }] : [],
      responses,
    };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sopaudit',
      version: TOOL.version,
      description:
        'Branches upload their standard operating procedures; head office reads how each diverges from the standard. '
        + 'Errors are JSON `{ error, message }`. A branch token reaches only its own branch; a head office token every branch. '
        + 'The API takes bearer tokens only: the session cookie of the HTML pages (/login, /report/…, /branches/…) is not accepted here, '
        + 'so no API call can be made by a browser on a signed-in person\'s behalf, and the API needs no CSRF token.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `sopaudit token create --branch ID` or `--head-office`: sopa_<id>_<secret>.',
        },
      },
    },
  };
}
