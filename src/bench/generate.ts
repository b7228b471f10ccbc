/**
 * Synthetic workspaces for the benchmark and for tests that need many
 * branches: the bundled schema and standard, and N branch documents derived
 * from the standard with realistic divergences (changed numbers, missing,
 * extra and reordered steps, long steps, some schema-invalid documents, a few
 * files of broken JSON). Deterministic: the same seed gives the same bytes.
 * Step texts are short sentences in the branch's script, so a branch is
 * about 4.5 KB.
 */
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seeded generator; the same seed gives the same sequence. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LOCALES = [
  { country: 'TR', language: 'tr', words: ['müşteriyi', 'karşılayın', 'dinleyin', 'kaydedin', 'teşekkür', 'edin', 'sorun', 'kontrol'] },
  { country: 'IN', language: 'hi', words: ['ग्राहक', 'का', 'स्वागत', 'करें', 'सुनें', 'दर्ज', 'धन्यवाद', 'जाँचें'] },
  { country: 'IN', language: 'ta', words: ['வாடிக்கையாளரை', 'வரவேற்கவும்', 'கேளுங்கள்', 'பதிவு', 'செய்யவும்', 'நன்றி'] },
  { country: 'IN', language: 'te', words: ['కస్టమర్‌ను', 'స్వాగతించండి', 'వినండి', 'నమోదు', 'చేయండి', 'ధన్యవాదాలు'] },
  { country: 'GB', language: 'en', words: ['greet', 'the', 'customer', 'listen', 'record', 'thank', 'check', 'offer'] },
];

export interface GeneratedBranch {
  name: string;
  content: string;
}

/** The branch documents of a synthetic chain, derived from a standard. */
export function* generateBranches(standard: Json, count: number, seed = 1): Generator<GeneratedBranch> {
  const rnd = random(seed);
  for (let i = 0; i < count; i++) {
    const id = `b${String(i).padStart(6, '0')}`;
    const locale = LOCALES[Math.floor(rnd() * LOCALES.length)];
    const doc = branchFrom(standard, id, locale, rnd);
    const roll = rnd();
    // About 2% break the schema (a number written as a word), but stay JSON.
    if (roll >= 0.005 && roll < 0.025) doc.procedures.phoneSupport.holdMaxSeconds = 'sixty';
    // Compact, as exported by a system rather than typed: about 4.5 KB a branch.
    let content = JSON.stringify(doc) + '\n';
    if (roll < 0.005) {
      // About 0.5% are broken JSON: a comma gone somewhere in the middle.
      const at = content.indexOf(',', Math.floor(content.length / 2));
      content = content.slice(0, at) + content.slice(at + 1);
    }
    yield { name: `${id}.json`, content };
  }
}

function branchFrom(standard: Json, id: string, locale: (typeof LOCALES)[number], rnd: () => number): Json {
  const doc = structuredClone(standard) as Json;
  doc.version = `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-01`;
  doc.branch = { id, name: `Branch ${id}`, country: locale.country, language: locale.language };
  const procedures = doc.procedures as Json;
  for (const area of Object.values(procedures)) {
    for (const list of [area.steps, area.rules]) {
      if (!Array.isArray(list)) continue;
      for (const item of list) item.text = sentence(locale.words, 2 + Math.floor(rnd() * 2), rnd);
    }
  }
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const stepLists = Object.values(procedures).filter((a) => Array.isArray(a.steps)).map((a) => a.steps as Json[]);
  if (rnd() < 0.3) procedures.phoneSupport.holdMaxSeconds = pick([45, 60, 90, 120]);
  if (rnd() < 0.2) procedures.returns.windowDays = pick([14, 21, 30, 60]);
  if (rnd() < 0.15) procedures.returns.refundMethods = procedures.returns.refundMethods.slice(0, 2);
  if (rnd() < 0.2) {
    const steps = pick(stepLists);
    steps.splice(Math.floor(rnd() * steps.length), 1);
  }
  if (rnd() < 0.15) {
    const steps = pick(stepLists);
    steps.splice(Math.floor(rnd() * steps.length), 0, { id: `local-${Math.floor(rnd() * 100)}`, role: 'associate', text: sentence(locale.words, 4, rnd) });
  }
  if (rnd() < 0.15) {
    const steps = pick(stepLists);
    const [moved] = steps.splice(0, 1);
    steps.push(moved);
  }
  if (rnd() < 0.1) pick(pick(stepLists)).text = sentence(locale.words, 18 + Math.floor(rnd() * 6), rnd);
  if (rnd() < 0.1) procedures.serviceDesk.languagesSpoken = [locale.language, 'en'];
  if (rnd() < 0.1) procedures.training.refresherIntervalMonths = 18;
  return doc;
}

function sentence(words: string[], length: number, rnd: () => number): string {
  return Array.from({ length }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '.';
}

/** Writes a synthetic workspace: the bundled schemas and standard, N branches, no waivers. */
export function writeWorkspace(dir: string, repo: string, count: number, seed = 1): { bytes: number } {
  fs.mkdirSync(path.join(dir, 'branches'), { recursive: true });
  fs.cpSync(path.join(repo, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  const standard = JSON.parse(fs.readFileSync(path.join(repo, 'schemas', 'standard.json'), 'utf8')) as Json;
  let bytes = 0;
  for (const branch of generateBranches(standard, count, seed)) {
    fs.writeFileSync(path.join(dir, 'branches', branch.name), branch.content);
    bytes += Buffer.byteLength(branch.content);
  }
  return { bytes };
}
