/**
 * The Handlebars side of the HTML report: one isolated instance (never the
 * global one, so nothing else can register helpers into it), its helpers
 * registered once, and the templates and partials of `templates/` read and
 * compiled once per process, on first use.
 *
 * Escaping: every value goes through `{{ }}`, which HTML-escapes it. The
 * two helpers that return markup unescaped return only what this module
 * makes safe itself: JSON for a <script type="application/json"> block with
 * `<`, `>`, `&` and the JavaScript line separators escaped, and the report's
 * own script file. No template uses a triple-stash.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { MessageId, Translator } from '../../i18n';

/** The pages of `sopaudit serve` (templates/server/), in the report's layout. */
export const SERVER_PAGES = ['login', 'upload', 'history', 'version', 'message'] as const;
export type ServerPageName = (typeof SERVER_PAGES)[number];

export type PageName = 'overview' | 'branch' | 'list' | ServerPageName;

export interface Templates {
  render(page: PageName, model: object, translator: Translator): string;
  /** The stylesheet written beside the pages. */
  css: string;
  /** The server pages' own additions to it (forms, the session bar), served beside it. */
  pagesCss: string;
  /** The scripts the pages inline, by name, exactly as inlined (the server allows them by hash in its CSP). */
  inlineScripts: ReadonlyMap<string, string>;
}

let compiled: Templates | undefined;

export function templates(): Templates {
  compiled ??= compile(templateFolder());
  return compiled;
}

/**
 * Where the .hbs, .css and .js files live: beside this module when the
 * build copied them, else in the package's src/report/html (running from
 * dist/ or from src/ under ts-jest).
 */
function templateFolder(): string {
  const beside = __dirname;
  if (fs.existsSync(path.join(beside, 'templates', 'overview.hbs'))) return beside;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const inSource = path.join(dir, 'src', 'report', 'html');
      if (fs.existsSync(path.join(inSource, 'templates', 'overview.hbs'))) return inSource;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`sopaudit: the HTML report templates are missing (looked from ${__dirname})`);
    dir = parent;
  }
}

/** JSON that can sit inside a <script> element: nothing in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function compile(folder: string): Templates {
  const hbs = Handlebars.create();
  const read = (...parts: string[]) => fs.readFileSync(path.join(folder, ...parts), 'utf8');
  const assets = new Map<string, string>();
  for (const name of ['ranking.js']) {
    // The script is ours, but make sure nothing in it can end the element early.
    assets.set(name, read('assets', name).replace(/<\/(script)/gi, '<\\/$1'));
  }

  hbs.registerHelper('t', function (this: unknown, id: string, options: Handlebars.HelperOptions) {
    const translator = (options.data as { translator?: Translator }).translator;
    if (!translator) throw new Error('sopaudit: template rendered without a translator');
    return translator.t(id as MessageId, options.hash as Record<string, string | number>);
  });
  hbs.registerHelper('json-script', (value: unknown) => new hbs.SafeString(scriptJson(value)));
  hbs.registerHelper('inline-asset', (name: string) => {
    const asset = assets.get(name);
    if (asset === undefined) throw new Error(`sopaudit: unknown asset ${name}`);
    return new hbs.SafeString(asset);
  });

  // Every helper is known up front, so a plain {{name}} compiles to a property
  // read instead of a look-up among helpers first (Handlebars' knownHelpersOnly).
  const options: CompileOptions = { preventIndent: true, knownHelpers: { t: true, 'json-script': true, 'inline-asset': true }, knownHelpersOnly: true };
  const partials = path.join(folder, 'templates', 'partials');
  for (const file of fs.readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
    // A partial's final newline would land inside the element that includes it.
    hbs.registerPartial(file.slice(0, -4), hbs.compile(read('templates', 'partials', file).replace(/\n$/, ''), options));
  }
  const pages = new Map<PageName, HandlebarsTemplateDelegate>();
  for (const page of ['overview', 'branch', 'list'] as PageName[]) {
    pages.set(page, hbs.compile(read('templates', `${page}.hbs`), options));
  }
  for (const page of SERVER_PAGES) {
    pages.set(page, hbs.compile(read('templates', 'server', `${page}.hbs`), options));
  }
  return {
    css: read('assets', 'report.css'),
    pagesCss: read('assets', 'pages.css'),
    inlineScripts: assets,
    render(page, model, translator) {
      return pages.get(page)!(model, { data: { translator } });
    },
  };
}
