/**
 * The Mongoose models validate what reaches MongoDB (required fields, enums,
 * the branch id pattern, whole numbers), checked without a server.
 * `validate()` rather than `validateSync()`, which Mongoose 9 deprecates:
 * neither touches the database.
 */
import mongoose from 'mongoose';
import { defineModels } from '../../src/store/mongo/models';

const connection = mongoose.createConnection();
const { Branch, Submission, Token } = defineModels(connection);

afterAll(async () => {
  await connection.close();
});

const good = {
  branchId: 'gb-london-camden',
  version: 1,
  createdAt: new Date('2026-01-15T10:00:00Z'),
  source: 'upload',
  tokenId: '0123456789abcdef',
  valid: true,
  score: 100,
  sha256: 'a'.repeat(64),
  size: 12,
  text: '{"branch":{}}',
};

const errorsOf = async (doc: mongoose.Document): Promise<Record<string, string>> => {
  const error = await doc.validate().then(() => undefined, (e: mongoose.Error.ValidationError) => e);
  return Object.fromEntries(Object.entries(error?.errors ?? {}).map(([path, e]) => [path, e.kind]));
};

describe('the submission and branch models', () => {
  it.each([['Submission', Submission], ['Branch', Branch]] as const)('%s accepts a complete version', async (_name, Model) => {
    expect(await errorsOf(new Model(good))).toEqual({});
    expect(await errorsOf(new Model({ ...good, tokenId: null, source: 'workspace' }))).toEqual({});
  });

  it('requires every field', async () => {
    expect(await errorsOf(new Submission({}))).toEqual({
      branchId: 'required',
      version: 'required',
      createdAt: 'required',
      source: 'required',
      valid: 'required',
      score: 'required',
      sha256: 'required',
      size: 'required',
      text: 'required',
    });
  });

  it('refuses ids outside the branch id alphabet, and ids of dots only', async () => {
    for (const branchId of ['../etc', 'a/b', '..', '.', '', 'x'.repeat(65), 'şube', 'a b']) {
      expect(await errorsOf(new Submission({ ...good, branchId }))).toHaveProperty('branchId');
    }
    expect(await errorsOf(new Submission({ ...good, branchId: 'a.b_c-9' }))).toEqual({});
  });

  it('checks enums, ranges and whole numbers', async () => {
    expect(await errorsOf(new Submission({ ...good, source: 'email' }))).toEqual({ source: 'enum' });
    expect(await errorsOf(new Submission({ ...good, version: 0 }))).toEqual({ version: 'min' });
    expect(await errorsOf(new Submission({ ...good, version: 1.5 }))).toEqual({ version: 'user defined' });
    expect(await errorsOf(new Submission({ ...good, score: 101 }))).toEqual({ score: 'max' });
    expect(await errorsOf(new Submission({ ...good, sha256: 'xyz' }))).toEqual({ sha256: 'regexp' });
    expect(await errorsOf(new Submission({ ...good, tokenId: 'not-a-token-id' }))).toEqual({ tokenId: 'regexp' });
  });

  it('refuses a query operator where a value belongs', async () => {
    expect(await errorsOf(new Submission({ ...good, branchId: { $ne: 'x' } as unknown as string }))).toHaveProperty('branchId');
  });

  it('throws on fields the schema does not know', () => {
    expect(() => new Submission({ ...good, admin: true })).toThrow(/admin/);
  });

  it('declares the unique indexes', () => {
    expect(Branch.schema.indexes()).toEqual([[{ branchId: 1 }, expect.objectContaining({ unique: true })]]);
    expect(Submission.schema.indexes()).toEqual([[{ branchId: 1, version: 1 }, expect.objectContaining({ unique: true })]]);
    expect(Token.schema.indexes()).toEqual([[{ tokenId: 1 }, expect.objectContaining({ unique: true })]]);
  });
});

describe('the token model', () => {
  const token = { tokenId: '0123456789abcdef', scope: 'branch', branchId: 'gb-london-camden', hash: 'b'.repeat(64), createdAt: new Date() };

  it('accepts branch and head office tokens', async () => {
    expect(await errorsOf(new Token(token))).toEqual({});
    expect(await errorsOf(new Token({ ...token, scope: 'headOffice', branchId: undefined }))).toEqual({});
  });

  it('needs a branch for a branch token and none for head office', async () => {
    expect(await errorsOf(new Token({ ...token, branchId: undefined }))).toEqual({ branchId: 'required' });
    expect(await errorsOf(new Token({ ...token, scope: 'headOffice' }))).toEqual({ branchId: 'user defined' });
  });

  it('checks the scope, the id and the hash', async () => {
    expect(await errorsOf(new Token({ ...token, scope: 'admin' }))).toMatchObject({ scope: 'enum' });
    expect(await errorsOf(new Token({ ...token, tokenId: 'ZZ' }))).toEqual({ tokenId: 'regexp' });
    expect(await errorsOf(new Token({ ...token, hash: 'secret' }))).toEqual({ hash: 'regexp' });
    expect(await errorsOf(new Token({}))).toEqual({ tokenId: 'required', scope: 'required', hash: 'required', createdAt: 'required' });
  });
});
