/**
 * One Ajv instance per schema set, of the draft the root schema selects,
 * with every file of the folder registered (so cross-file `$ref` works),
 * ajv-formats, all errors, and the x- annotations declared so that strict
 * mode stays on for every other keyword. Compiled once per run.
 */
import type Ajv from 'ajv';
import type { AnySchema, AnySchemaObject, ErrorObject, Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SchemaError } from '../errors';
import { SYNTHETIC_BASE, type Draft, type SchemaRegistry } from './registry';

type AnyAjv = InstanceType<typeof Ajv>;


export interface SchemaValidator {
  /** Validates a whole branch document; returns Ajv's errors (empty when valid). */
  validate(value: unknown): ErrorObject[];
  /** A validator for one subschema (used to choose among oneOf/anyOf alternatives). */
  subschema(fileUri: string, pointer: string): ValidateFunction | undefined;
  /** Ajv's strict-mode remarks on the schema (printed once by the shell). */
  warnings: string[];
}

/** `others`: drafts of files beside the root (their meta-schemas are added only then: each costs start-up time). */
function createAjv(draft: Draft, logger: { warn: (...args: unknown[]) => void }, others: ReadonlySet<Draft>): AnyAjv {
  // Ajv's own strict defaults, spelled out: unknown keywords and ignored
  // number edge cases are errors; type and tuple remarks are warnings; and
  // `required` may name properties defined elsewhere (common with allOf/oneOf).
  const options = {
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: 'log',
    strictTuples: 'log',
    strictRequired: false,
    // Only a document's own properties count: otherwise `{}` "has" a
    // `constructor` (Object.prototype's), which a schema declaring that
    // property would then validate, and `required: ["toString"]` would pass.
    ownProperties: true,
    logger: { log() {}, warn: logger.warn, error: logger.warn },
  } as const;
  // Each draft's Ajv is required on demand: loading all four costs start-up time on every run.
  /* eslint-disable @typescript-eslint/no-require-imports */
  let ajv: AnyAjv;
  switch (draft) {
    case '2020-12':
    case '2019-09':
      ajv = new (require(draft === '2020-12' ? 'ajv/dist/2020' : 'ajv/dist/2019') as { default: new (o: Options) => AnyAjv }).default(options);
      // A newer root may reference older files (schemas gathered from
      // elsewhere): Ajv reads draft-07 and draft-06 files with the newer class
      // once it knows their meta-schemas. Draft-04 cannot be mixed in.
      if (others.has('draft-07')) ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json') as AnySchemaObject);
      if (others.has('draft-06')) ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject);
      break;
    case 'draft-04':
      ajv = new (require('ajv-draft-04') as { default: new (o: Options) => AnyAjv }).default(options);
      break;
    default:
      ajv = new (require('ajv') as { default: new (o: Options) => AnyAjv }).default(options);
      if (draft === 'draft-06') ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  addFormats(ajv);
  return ajv;
}

const SELF_REFERENCE = 'the schema refers to itself without end ($ref or allOf going round in a circle without reaching a property or item)';

export function compileValidator(registry: SchemaRegistry): SchemaValidator {
  const warnings: string[] = [];
  // Files without an $id are named by their path: the made-up base URI is never shown.
  const ajv = createAjv(registry.draft, { warn: (...args) => warnings.push(args.map(String).join(' ').split(SYNTHETIC_BASE).join('')) }, registry.otherDrafts);
  // Every x- keyword the files use, declared without a meta-schema: the
  // registry has already checked each annotation's value, with a message
  // naming the place.
  for (const keyword of registry.annotationKeywords) ajv.addKeyword({ keyword });
  for (const file of registry.files) {
    try {
      // A boolean schema file has no $id to be known by: its URI is its key.
      ajv.addSchema(file.schema as AnySchema, typeof file.schema === 'boolean' ? file.uri : undefined);
      // Ajv keeps one compiled schema per object, so the alias shares it.
      if (file.alias) ajv.addSchema(file.schema as AnySchema, file.alias);
    } catch (error) {
      throw new SchemaError(ajvMessage(error), file.path);
    }
  }
  const rootPath = registry.files.find((f) => f.uri === registry.rootUri)?.path;
  let root: ValidateFunction;
  try {
    root = ajv.getSchema(registry.rootUri) as ValidateFunction;
  } catch (error) {
    throw new SchemaError(error instanceof RangeError ? SELF_REFERENCE : ajvMessage(error), rootPath);
  }
  const subschemas = new Map<string, ValidateFunction | undefined>();
  return {
    warnings,
    validate(value) {
      try {
        return root(value) ? [] : [...(root.errors ?? [])];
      } catch (error) {
        // Documents are refused past MAX_DEPTH before validation, so only a
        // schema that refers to itself without reaching a value recurses this far.
        if (error instanceof RangeError) throw new SchemaError(SELF_REFERENCE, rootPath);
        throw error;
      }
    },
    subschema(fileUri, pointer) {
      const ref = `${fileUri}#${pointer.split('/').map(encodeURIComponent).join('/')}`;
      if (!subschemas.has(ref)) {
        let compiled: ValidateFunction | undefined;
        try {
          compiled = ajv.getSchema(ref);
        } catch {
          compiled = undefined;
        }
        subschemas.set(ref, compiled);
      }
      return subschemas.get(ref);
    },
  };
}

/**
 * Ajv's message for a schema it cannot use, for a person: the made-up base
 * URI of files without `$id` removed (they are named by their path), and of a
 * meta-schema's list of alternatives only the first clause.
 */
function ajvMessage(error: unknown): string {
  let message = (error as Error).message.split(SYNTHETIC_BASE).join('');
  const invalid = /^schema is invalid: ([^,]*),/.exec(message);
  if (invalid) message = `schema is invalid: ${invalid[1]}`;
  return message;
}
