/**
 * The API as one table: method, path, who may call it, the responses it
 * gives, and its handler. The app is wired from it and the OpenAPI
 * document is built from it. Spec §7's routes, plus the history of one
 * version, health and the OpenAPI document itself.
 */
import * as handlers from './handlers';
import type { Handler } from './handlers';

export interface ResponseSpec {
  description: string;
  /** Component schema name(s) of the JSON body (several: one of them). */
  schema?: string | string[];
  headers?: Record<string, unknown>;
}

export interface RouteSpec {
  method: 'get' | 'put';
  /** Express syntax: /api/branches/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Needs a token (a principal). */
  auth: boolean;
  /** Takes a raw JSON body. */
  body?: boolean;
  responses: Record<number, ResponseSpec>;
  handler: Handler;
}

const error = (description: string): ResponseSpec => ({ description, schema: 'Error' });

/** What every authenticated route can answer. */
const AUTH = {
  401: {
    ...error('No token, or one that is not valid.'),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="sopaudit"', schema: { type: 'string' } } },
  },
  429: {
    ...error('Too many failed authentications from this address.'),
    headers: { 'Retry-After': { description: 'Seconds until it may try again.', schema: { type: 'integer' } } },
  },
};

/** What every route about one branch can answer as well. */
const ONE_BRANCH = {
  ...AUTH,
  400: error('The branch id (or version) in the URL is not one.'),
  403: error("A branch token for another branch."),
  404: error('No such branch (or version).'),
};

export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'put',
    path: '/api/branches/:id/procedures',
    operationId: 'uploadProcedures',
    summary: "Upload a new version of a branch's procedures",
    description:
      'Audits the document. A schema-valid document is stored as the next version (201 for the first, 200 after), '
      + 'and the report is updated. A document that breaks the schema is not stored (422, with its findings).',
    auth: true,
    body: true,
    responses: {
      200: { description: 'Stored as a new version.', schema: 'UploadResult' },
      201: {
        description: "Stored as the branch's first version.",
        schema: 'UploadResult',
        headers: { Location: { description: 'The branch.', schema: { type: 'string' } } },
      },
      ...ONE_BRANCH,
      400: { description: 'The body is not JSON (with line and column), or the branch id is not one.', schema: ['JsonError', 'Error'] },
      413: error('The body is larger than the limit.'),
      415: error('A compressed body.'),
      422: { description: 'The document breaks the schema (not stored; findings included), or names another branch.', schema: ['InvalidDocument', 'Error'] },
      503: error('The server is shutting down.'),
    },
    handler: handlers.upload,
  },
  {
    method: 'get',
    path: '/api/branches',
    operationId: 'listBranches',
    summary: 'Every branch with its score and finding counts (a branch token: its own only)',
    auth: true,
    responses: { 200: { description: 'Branches by id.', schema: 'BranchList' }, ...AUTH },
    handler: handlers.listBranches,
  },
  {
    method: 'get',
    path: '/api/branches/:id',
    operationId: 'getBranch',
    summary: "A branch's current version, score and findings",
    auth: true,
    responses: { 200: { description: 'The branch.', schema: 'Branch' }, ...ONE_BRANCH },
    handler: handlers.getBranch,
  },
  {
    method: 'get',
    path: '/api/branches/:id/history',
    operationId: 'getHistory',
    summary: "Every version of a branch's procedures, oldest first",
    auth: true,
    responses: { 200: { description: 'Versions.', schema: 'History' }, ...ONE_BRANCH },
    handler: handlers.history,
  },
  {
    method: 'get',
    path: '/api/branches/:id/history/:version',
    operationId: 'getVersion',
    summary: 'One version: its metadata and the document as stored',
    auth: true,
    responses: { 200: { description: 'The version.', schema: 'SubmissionDocument' }, ...ONE_BRANCH },
    handler: handlers.submission,
  },
  {
    method: 'get',
    path: '/api/report',
    operationId: 'getReport',
    summary: 'The report document (spec §6); a branch token gets its own branch only',
    auth: true,
    responses: {
      200: { description: 'The report.', schema: 'Report', headers: { ETag: { description: 'Changes with the report.', schema: { type: 'string' } } } },
      304: { description: 'Not changed since the ETag given in If-None-Match.' },
      ...AUTH,
    },
    handler: handlers.report,
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    auth: false,
    responses: { 200: { description: 'OpenAPI 3.1.' } },
    handler: handlers.openapi,
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Whether the server can serve (503 while it shuts down or has lost its database)',
    auth: false,
    responses: { 200: { description: 'Serving.', schema: 'Health' }, 503: { description: 'Not serving.', schema: 'Health' } },
    handler: handlers.health,
  },
];
