/**
 * Indexes every schema file of a schema folder: which resource each
 * subschema belongs to, its base URI, its JSON Pointer, and every `$id` and
 * anchor, so that `$ref` resolves here exactly as Ajv resolves it. Files
 * without an `$id` get one from their path, so `"$ref": "defs.schema.json#/..."`
 * works between files of the folder.
 */
import { SchemaError } from '../errors';
import { escapeToken, parsePointer, valueAt } from '../pointer';
import {
  SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS, X_MAX_WORDS,
  annotationProblem, isSchemaObject,
} from './keywords';

export type Draft = '2020-12' | '2019-09' | 'draft-07' | 'draft-06' | 'draft-04';

export interface SchemaFile {
  /** Path relative to the schema folder, with forward slashes. */
  path: string;
  schema: unknown;
}

/** The schema folder as data: the root file and every file it may reference. */
export interface SchemaSet {
  root: string;
  files: SchemaFile[];
}

/** Where a subschema is: its file's URI and its JSON Pointer inside that file. */
export interface SchemaLocation {
  file: string;
  fileUri: string;
  pointer: string;
  /** Base URI in effect at this subschema (its own `$id` or its resource's). */
  base: string;
}

export interface RegisteredFile {
  path: string;
  uri: string;
  /** A copy of the file's schema with its `$id` set to `uri` when it had none. */
  schema: unknown;
  /** The URI of the file's path, when its own `$id` names it otherwise: a `$ref` by file name must still reach it. */
  alias?: string;
}

/** The base URI of schema files without an `$id` (never shown: messages strip it). */
export const SYNTHETIC_BASE = 'https://sopaudit.invalid/schemas/';

/** Meta-schema URIs by draft, compared without scheme and trailing "#". */
const DRAFTS: Record<string, Draft> = {
  'json-schema.org/draft/2020-12/schema': '2020-12',
  'json-schema.org/draft/2019-09/schema': '2019-09',
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft-06/schema': 'draft-06',
  'json-schema.org/draft-04/schema': 'draft-04',
};

/** The draft a root schema selects with `$schema` (2020-12 when it has none); undefined for an unknown one. */
function draftOf(schema: unknown): Draft | undefined {
  if (!isSchemaObject(schema) || schema.$schema === undefined) return '2020-12';
  if (typeof schema.$schema !== 'string') return undefined;
  return DRAFTS[schema.$schema.replace(/#$/, '').replace(/^https?:\/\//, '')];
}

export class SchemaRegistry {
  readonly draft: Draft;
  /** Drafts that files other than the root declare with their own `$schema`. */
  readonly otherDrafts = new Set<Draft>();
  readonly files: RegisteredFile[] = [];
  readonly rootUri: string;
  /** True when some schema uses x-maxWords, so branch-only values must be walked for it. */
  hasMaxWords = false;
  /** Every x- keyword used anywhere, so that Ajv's strict mode knows them as annotations. */
  readonly annotationKeywords = new Set<string>();

  private readonly resources = new Map<string, Record<string, unknown> | boolean>();
  private readonly anchors = new Map<string, Record<string, unknown>>();
  private readonly locations = new WeakMap<object, SchemaLocation>();
  private readonly idKeyword: '$id' | 'id';

  constructor(set: SchemaSet) {
    const root = set.files.find((f) => f.path === set.root);
    if (!root) throw new SchemaError(`the schema file ${set.root} is missing`, set.root);
    const draft = draftOf(root.schema);
    if (!draft) {
      throw new SchemaError(
        `unsupported "$schema" ${JSON.stringify((root.schema as Record<string, unknown>).$schema)}; use 2020-12, 2019-09, draft-07, draft-06 or draft-04`,
        set.root,
      );
    }
    this.draft = draft;
    this.idKeyword = draft === 'draft-04' ? 'id' : '$id';
    const base = this.baseDirectory(root.schema);
    for (const file of set.files) {
      if (typeof file.schema !== 'boolean' && !isSchemaObject(file.schema)) {
        throw new SchemaError('is not a JSON Schema (an object or a boolean)', file.path);
      }
      const declared = isSchemaObject(file.schema) && file.schema.$schema !== undefined ? draftOf(file.schema) : undefined;
      if (declared && declared !== draft) this.otherDrafts.add(declared);
      const registered = this.register(file, base);
      this.files.push(registered);
      if (file.path === set.root) this.rootUri = registered.uri;
    }
    this.rootUri ??= this.files[0].uri;
  }

  location(schema: object): SchemaLocation | undefined {
    return this.locations.get(schema);
  }

  /** Resolves a `$ref` against a base URI; undefined when it points outside the folder. */
  resolve(ref: string, base: string): { schema: Record<string, unknown> | boolean; base: string } | undefined {
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      return undefined;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const docUri = url.href;
    const resource = this.resources.get(docUri);
    if (resource === undefined) return undefined;
    if (fragment === '') return { schema: resource, base: docUri };
    if (fragment.startsWith('/')) {
      const current = valueAt(resource, parsePointer(fragment)!);
      if (typeof current === 'boolean') return { schema: current, base: docUri };
      if (!isSchemaObject(current)) return undefined;
      return { schema: current, base: this.locations.get(current)?.base ?? docUri };
    }
    const anchored = this.anchors.get(`${docUri}#${fragment}`);
    return anchored ? { schema: anchored, base: this.locations.get(anchored)?.base ?? docUri } : undefined;
  }

  private baseDirectory(rootSchema: unknown): string {
    const id = isSchemaObject(rootSchema) ? rootSchema[this.idKeyword] : undefined;
    if (typeof id === 'string') {
      try {
        return new URL('.', new URL(id)).href;
      } catch {
        // A relative or opaque root id: fall back to the folder's own URIs.
      }
    }
    return SYNTHETIC_BASE;
  }

  private register(file: SchemaFile, baseDirectory: string): RegisteredFile {
    const fileUri = new URL(file.path.split('/').map(encodeURIComponent).join('/'), baseDirectory).href;
    if (typeof file.schema === 'boolean') {
      this.resources.set(fileUri, file.schema);
      return { path: file.path, uri: fileUri, schema: file.schema };
    }
    const schema = structuredClone(file.schema) as Record<string, unknown>;
    let uri = fileUri;
    const ownId = schema[this.idKeyword];
    if (typeof ownId === 'string' && !ownId.startsWith('#')) {
      uri = stripHash(new URL(ownId, fileUri).href);
    } else {
      schema[this.idKeyword] = fileUri;
    }
    this.resources.set(uri, schema);
    if (uri !== fileUri) this.resources.set(fileUri, schema);
    this.index(schema, { file: file.path, fileUri: uri, pointer: '', base: uri }, true);
    return { path: file.path, uri, schema, ...(uri !== fileUri && { alias: fileUri }) };
  }

  /** Walks the subschemas of one schema, recording locations, ids, anchors and annotations. */
  private index(schema: Record<string, unknown>, at: SchemaLocation, isFileRoot: boolean): void {
    let base = at.base;
    const id = schema[this.idKeyword];
    if (typeof id === 'string' && !isFileRoot) {
      if (id.startsWith('#') && this.draft !== '2020-12' && this.draft !== '2019-09') {
        this.anchors.set(`${base}#${id.slice(1)}`, schema);
      } else {
        try {
          base = stripHash(new URL(id, base).href);
          this.resources.set(base, schema);
        } catch {
          throw new SchemaError(`${this.idKeyword} ${JSON.stringify(id)} is not a valid URI (at ${at.pointer || '/'})`, at.file);
        }
      }
    }
    for (const anchorKeyword of ['$anchor', '$dynamicAnchor']) {
      const anchor = schema[anchorKeyword];
      if (typeof anchor === 'string') this.anchors.set(`${base}#${anchor}`, schema);
    }
    const here: SchemaLocation = { ...at, base };
    this.locations.set(schema, here);
    for (const key of Object.keys(schema)) {
      if (key.startsWith('x-')) {
        this.annotationKeywords.add(key);
        const problem = annotationProblem(key, schema[key]);
        if (problem) {
          throw new SchemaError(`${key} at ${at.pointer || '/'} ${problem} (found ${JSON.stringify(schema[key])})`, at.file);
        }
        if (key === X_MAX_WORDS) this.hasMaxWords = true;
      }
    }
    const child = (sub: unknown, ...tokens: string[]): void => {
      if (!isSchemaObject(sub)) return;
      const pointer = here.pointer + tokens.map((t) => '/' + escapeToken(t)).join('');
      this.index(sub, { file: here.file, fileUri: here.fileUri, pointer, base }, false);
    };
    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const map = schema[keyword];
      if (isSchemaObject(map)) for (const name of Object.keys(map)) child(map[name], keyword, name);
    }
    for (const keyword of SCHEMA_KEYWORDS) {
      if (!Array.isArray(schema[keyword])) child(schema[keyword], keyword);
    }
    for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((sub, i) => child(sub, keyword, String(i)));
    }
  }
}

function stripHash(uri: string): string {
  const hash = uri.indexOf('#');
  return hash === -1 ? uri : uri.slice(0, hash);
}
