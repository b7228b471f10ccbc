/**
 * The fields of a form post, from its raw bytes: application/x-www-form-
 * urlencoded (the sign-in and sign-out forms) or multipart/form-data (the
 * upload form, whose file must arrive as the exact bytes chosen). The body
 * was already read with a size limit; this only splits it, with limits of
 * its own on parts and header sizes. Names are plain strings; a name sent
 * twice is refused, so no field can be smuggled past the one checked.
 */

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
const MAX_HEADER_BYTES = 4096;

export function parseForm(body: Buffer, contentType: string | undefined): Form {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(body);
  if (type === 'multipart/form-data') return parseMultipart(body, boundaryOf(contentType ?? ''));
  throw new FormError(415, 'send the form as application/x-www-form-urlencoded or multipart/form-data');
}

/** A field as UTF-8 text, or undefined when absent. */
export function textField(form: Form, name: string): string | undefined {
  const field = form.get(name);
  return field && field.data.toString('utf8');
}

function add(form: Form, name: string, field: FormField): void {
  if (form.has(name)) throw new FormError(400, `the field ${JSON.stringify(name)} is sent twice`);
  if (form.size >= MAX_PARTS) throw new FormError(400, 'the form has too many fields');
  form.set(name, field);
}

function parseUrlEncoded(body: Buffer): Form {
  const form: Form = new Map();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(form, name, { data: Buffer.from(value, 'utf8') });
  return form;
}

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new FormError(400, 'the multipart form has no boundary');
  return boundary;
}

function parseMultipart(body: Buffer, boundary: string): Form {
  const form: Form = new Map();
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let at = body.indexOf(dash);
  if (at !== 0 && at !== -1) {
    // A preamble is allowed, but the first delimiter must then start a line.
    at = body.indexOf(delimiter);
    if (at !== -1) at += 2;
  }
  if (at === -1) throw new FormError(400, 'the multipart form has no parts');
  at += dash.length;
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return form; // the closing delimiter
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new FormError(400, 'the multipart form is malformed');
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd === -1 || headerEnd - at > MAX_HEADER_BYTES) throw new FormError(400, 'the multipart form is malformed');
    const headers = body.subarray(at, headerEnd).toString('utf8');
    const dataStart = headerEnd + 4;
    const next = body.indexOf(delimiter, dataStart);
    if (next === -1) throw new FormError(400, 'the multipart form ends too early');
    const disposition = /^content-disposition:\s*form-data\s*;(.*)$/im.exec(headers)?.[1];
    const name = disposition && parameter(disposition, 'name');
    if (name === undefined) throw new FormError(400, 'a part of the multipart form has no name');
    const filename = parameter(disposition!, 'filename');
    add(form, name, { data: body.subarray(dataStart, next), ...(filename !== undefined ? { filename } : {}) });
    at = next + delimiter.length;
  }
}

/** name="value" in a Content-Disposition header (browsers escape quotes in names as %22). */
function parameter(disposition: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, 'i').exec(disposition);
  return match?.[1];
}
