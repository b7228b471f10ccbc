/**
 * Request handlers: they speak HTTP (params, statuses, headers, bodies) and
 * leave the work to the service. Domain errors become statuses here.
 */
import type { Request, Response } from 'express';
import { MAX_DEPTH, parseJsonBytes, type JsonProblem } from '../engine';
import { isBranchId, parseVersion, type SubmissionMeta } from '../store/types';
import { branchOf, ownBranch, principalOf } from './auth';
import { HttpError } from './errors';
import type { BranchState } from './reportCache';
import { BranchMismatchError, InvalidDocumentError, NotJsonError, type BranchService } from './service';

export interface HandlerContext {
  service: BranchService;
  /** True once the server is shutting down (health answers 503). */
  stopping(): boolean;
  openapi: unknown;
}

export type Handler = (context: HandlerContext, req: Request, res: Response) => void | Promise<void>;

/** The :id of the URL, checked: a plain string of the branch id alphabet. */
export function branchId(req: Request): string {
  const id: unknown = req.params.id;
  if (!isBranchId(id)) {
    throw new HttpError(400, 'bad_branch_id', 'a branch id is 1 to 64 letters, digits, ".", "_" or "-", and not only dots');
  }
  return id;
}

function versionParam(req: Request): number {
  const version = parseVersion(req.params.version);
  if (version === undefined) throw new HttpError(400, 'bad_version', 'a version is a whole number from 1');
  return version;
}

export const health: Handler = ({ service, stopping }, _req, res) => {
  const ok = !stopping() && service.store.healthy();
  res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
};

export const openapi: Handler = ({ openapi: document }, _req, res) => {
  res.json(document);
};

export const listBranches: Handler = ({ service }, _req, res) => {
  const only = ownBranch(principalOf(res));
  res.json({ branches: service.branches(only).map(summaryOf) });
};

export const getBranch: Handler = ({ service }, _req, res) => {
  const id = branchOf(res);
  const state = service.branch(id);
  if (!state) throw notFound(id);
  const { result } = state;
  res.json({ id: result.id, file: result.file, version: state.version, updatedAt: state.updatedAt, valid: result.valid, score: result.score, findings: result.findings });
};

export const history: Handler = async ({ service }, _req, res) => {
  const id = branchOf(res);
  const versions = await service.history(id);
  if (versions.length === 0) throw notFound(id);
  res.json({ branch: id, versions: versions.map(tidyMeta) });
};

export const submission: Handler = async ({ service }, req, res) => {
  const id = branchOf(res);
  const version = versionParam(req);
  const found = await service.submission(id, version);
  if (!found) throw new HttpError(404, 'not_found', `branch ${id} has no version ${version}`);
  const document = parseJsonBytes(found.bytes);
  const body: Record<string, unknown> = tidyMeta(found.meta);
  if (document.problem) body.text = Buffer.from(found.bytes).toString('utf8');
  else body.document = document.value;
  res.json(body);
};

export const report: Handler = ({ service }, req, res) => {
  const only = ownBranch(principalOf(res));
  const tag = `"${service.cache.tag(only)}"`;
  res.set('ETag', tag);
  res.set('Cache-Control', 'private, no-cache');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(only === undefined ? service.cache.report() : service.cache.branchReport(only));
};

export const upload: Handler = async ({ service }, req, res) => {
  const id = branchOf(res);
  const principal = principalOf(res);
  const bytes: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
  try {
    const result = await service.upload(id, bytes, principal.tokenId);
    if (result.created) res.status(201).location(`/api/branches/${id}`);
    res.json({ version: result.version, valid: result.valid, score: result.score, findings: result.findings });
  } catch (error) {
    throw uploadError(error);
  }
};

function uploadError(error: unknown): unknown {
  if (error instanceof NotJsonError) {
    const { code, line, column } = error.problem;
    return new HttpError(400, 'invalid_json', `the body is not valid JSON at line ${line}, column ${column}: ${describeProblem(error.problem)}`, { problem: code, line, column });
  }
  if (error instanceof BranchMismatchError) {
    return new HttpError(
      422,
      'branch_mismatch',
      `the document's ${error.pointer} is ${JSON.stringify(error.named)} but the URL names branch ${JSON.stringify(error.id)}; upload it to that branch or correct ${error.pointer}`,
    );
  }
  if (error instanceof InvalidDocumentError) {
    const invalid = error.result.findings.filter((f) => f.kind === 'invalid').length;
    const kept = error.current === undefined ? 'nothing was stored' : `it was not stored and version ${error.current} stays current`;
    return new HttpError(422, 'invalid_document', `the document breaks the schema (${invalid} invalid ${invalid === 1 ? 'finding' : 'findings'}); ${kept}`, {
      valid: false,
      score: error.result.score,
      findings: error.result.findings,
    });
  }
  return error;
}

function describeProblem(problem: JsonProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'the body is empty; send a branch document';
    case 'encoding':
      return 'the body is not UTF-8 text';
    case 'syntax':
      return `unexpected ${problem.detail ?? 'character'}`;
    case 'unexpectedEnd':
      return 'the document ends too early';
    case 'duplicateKey':
      return `the key ${problem.detail ?? ''} appears twice in one object`;
    case 'tooDeep':
      return `it nests deeper than ${MAX_DEPTH} levels`;
    case 'tooLarge':
      return 'it is too large';
  }
}

function notFound(id: string): HttpError {
  return new HttpError(404, 'not_found', `there is no branch ${id}`);
}

function summaryOf(state: BranchState): Record<string, unknown> {
  return {
    id: state.id,
    file: state.file,
    version: state.version,
    updatedAt: state.updatedAt,
    valid: state.result.valid,
    score: state.result.score,
    findings: state.counts,
    waived: state.waived.length,
  };
}

/** Metadata with exactly its documented fields, in a fixed order. */
function tidyMeta(meta: SubmissionMeta): Record<string, unknown> {
  return {
    branch: meta.branch,
    version: meta.version,
    createdAt: meta.createdAt,
    source: meta.source,
    tokenId: meta.tokenId,
    valid: meta.valid,
    score: meta.score,
    sha256: meta.sha256,
    size: meta.size,
  };
}
