/**
 * The HTML pages as a browser meets them, through supertest: an agent that
 * keeps cookies, signing in through the form, the CSRF token read from a
 * page, and form bodies built as a browser builds them (a multipart upload
 * form with an unchosen file is an empty part with filename="").
 */
import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';


export type Agent = ReturnType<typeof request.agent>;

export interface SignedIn {
  agent: Agent;
  /** The session's CSRF token, as its pages carry it. */
  csrf: string;
  /** The Cookie header of the session, for requests outside the agent. */
  cookie: string;
}

/** The value of the first `_csrf` field of a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no _csrf field in the page: ${html.slice(0, 300)}`);
  return match[1];
}

/** Signs in through the form, as a person does: open it, paste the token, send. */
export async function signIn(app: Express, token: string): Promise<SignedIn> {
  const agent = request.agent(app);
  const form = await agent.get('/login');
  expect(form.status).toBe(200);
  const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), token });
  expect(res.status).toBe(303);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = setCookie.find((c) => c.startsWith('sopaudit_session='));
  if (!session) throw new Error('signing in set no session cookie');
  // Every signed-in page carries the session's token (in its sign-out form, at least).
  const home = await agent.get('/').redirects(2);
  expect(home.status).toBe(200);
  return { agent, csrf: csrfOf(home.text), cookie: session.split(';')[0] };
}

export interface Part {
  name: string;
  value: string | Buffer;
  /** A file part (an empty string: the file input left empty). */
  filename?: string;
}

/** A multipart/form-data body as a browser sends it. */
export function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = '----sopauditTestBoundary' + createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"\r\nContent-Type: ${part.filename === '' ? 'application/octet-stream' : 'application/json'}`;
    chunks.push(Buffer.from(head + '\r\n\r\n'), Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the upload form of a branch: pasted text, or a chosen file. */
export function postUpload(agent: Agent, id: string, csrf: string, what: { paste?: string; file?: { name: string; bytes: Buffer | string } }) {
  const { body, type } = multipart([
    { name: '_csrf', value: csrf },
    what.file ? { name: 'file', value: what.file.bytes, filename: what.file.name } : { name: 'file', value: '', filename: '' },
    { name: 'document', value: what.paste ?? '' },
  ]);
  return agent.post(`/branches/${id}/upload`).set('Content-Type', type).send(body).redirects(0);
}

/** The text of a page without its tags and with its entities decoded (enough to read messages). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
