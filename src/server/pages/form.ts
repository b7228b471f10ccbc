/**
 * The fields of a form post, from its raw bytes: application/x-www-form-
 * urlencoded (the sign-in and sign-out forms) or multipart/form-data (the
 * upload form, whose file must arrive as the exact bytes chosen), parsed by
 * busboy. The body was already read with the size limit, so busboy's own
 * limits only bound the number of parts; nothing is truncated. Names are
 * plain strings; a name sent twice is refused, so no field can be smuggled
 * past the one checked.
 */
import busboy from 'busboy';

export interface FormField {
  /** The value's bytes, exactly as sent. */
  data: Buffer;
  /** Present for a file part (possibly empty when no file was chosen). */
  filename?: string;
}

export type Form = Map<string, FormField>;

/** A body that is not a form this server reads (400), or not a form at all (415). */
export class FormError extends Error {
  override readonly name = 'FormError';
  constructor(
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
  }
}

const MAX_PARTS = 16;

export function parseForm(body: Buffer, contentType: string | undefined): Promise<Form> {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    return Promise.reject(new FormError(415, 'send the form as application/x-www-form-urlencoded or multipart/form-data'));
  }
  return new Promise((resolve, reject) => {
    const form: Form = new Map();
    let failed = false;
    const fail = (message: string) => {
      if (!failed) reject(new FormError(400, message));
      failed = true;
    };
    const add = (name: string, field: FormField) => {
      if (form.has(name)) fail(`the field ${JSON.stringify(name)} is sent twice`);
      else form.set(name, field);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defCharset: 'utf8',
        limits: { parts: MAX_PARTS, fields: MAX_PARTS, files: MAX_PARTS, fieldSize: body.length + 1, fileSize: body.length + 1 },
      });
    } catch (error) {
      reject(new FormError(400, `the form cannot be read: ${(error as Error).message}`)); // e.g. a multipart form without a boundary
      return;
    }
    const files: Array<Promise<void>> = [];
    parser.on('field', (name, value) => add(name, { data: Buffer.from(value, 'utf8') }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      files.push(new Promise((done) => stream.on('close', () => {
        add(name, { data: Buffer.concat(chunks), filename: info.filename ?? '' });
        done();
      })));
    });
    for (const limit of ['partsLimit', 'fieldsLimit', 'filesLimit'] as const) parser.on(limit, () => fail('the form has too many fields'));
    parser.on('error', (error: Error) => fail(`the form is malformed: ${error.message}`));
    parser.on('close', () => {
      void Promise.all(files).then(() => {
        if (!failed) resolve(form);
      });
    });
    parser.end(body);
  });
}

/** A field as UTF-8 text, or undefined when absent. */
export function textField(form: Form, name: string): string | undefined {
  const field = form.get(name);
  return field && field.data.toString('utf8');
}
