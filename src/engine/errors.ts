/**
 * Errors the core raises for inputs it cannot work with. Shells turn them
 * into exit codes or HTTP statuses; the core never decides either.
 */

/** The schema cannot be used: not a schema, an unknown draft, a bad annotation, a broken $ref. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    message: string,
    /** Schema file (relative to the schema folder) the problem is in, when known. */
    readonly file?: string,
  ) {
    super(message);
  }
}

/** The standard is not JSON or breaks its own schema. */
export class StandardError extends Error {
  override readonly name = 'StandardError';
}

/** The waivers file is not an array of valid waivers. */
export class WaiversError extends Error {
  override readonly name = 'WaiversError';
}
