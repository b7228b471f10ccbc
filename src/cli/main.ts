/**
 * The command line: builds the commander program, runs one command, and
 * turns every way a command can end into an exit code (0, 1, 2; 70 for an
 * internal error). It never exits the process itself; bin.ts does.
 */
import { Command, CommanderError, Option } from 'commander';
import { SchemaError, StandardError, WaiversError } from '../engine';
import { FORMATS } from '../report/types';
import { TOOL } from '../version';
import { WorkspaceError } from '../workspace/errors';
import { ITEMS_PER_THREAD } from '../workspace/jobs';
import type { CheckOptions } from './commands/check';
import type { ReportOptions } from './commands/report';
import type { ServeOptions } from './commands/serve';
import type { TokenCreateOptions } from './commands/token';
import type { TypesOptions } from './commands/types';
import type { ValidateOptions } from './commands/validate';
import type { CliContext } from './context';
import { EXIT, ExitError } from './errors';
import { parseJobs, withCommonOptions, type CommonOptions } from './options';

export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  const run = <O>(command: (options: O, context: CliContext) => Promise<number>) => async (options: O) => {
    exitCode = await command(options, context);
  };
  const runWithFiles = <O>(command: (files: string[], options: O, context: CliContext) => Promise<number>) =>
    async (files: string[], options: O) => {
      exitCode = await command(files, options, context);
    };
  const program = buildProgram(context, { run, runWithFiles });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeOf(error, context);
  }
}

type Runner = {
  run: <O>(command: (options: O, context: CliContext) => Promise<number>) => (options: O) => Promise<void>;
  runWithFiles: <O>(command: (files: string[], options: O, context: CliContext) => Promise<number>) => (files: string[], options: O) => Promise<void>;
};

/**
 * Each command's module is loaded when that command runs (the `import()`s
 * below): `check` in CI must not pay for the server's Express and Mongoose.
 */
function buildProgram(context: CliContext, { run, runWithFiles }: Runner): Command {
  const program = new Command('sopaudit')
    .description('Audit every branch\'s procedures against head office\'s standard.')
    .version(TOOL.version, '-v, --version')
    .showHelpAfterError('(run sopaudit --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) })
    .addHelpText('after', [
      '',
      'Every command takes --workspace DIR (default: the current folder); sopaudit <command> --help says more.',
      '',
      'Examples:',
      '  sopaudit check                                  audit every branch; exit 1 on errors',
      '  sopaudit check --format github                  annotations for GitHub Actions',
      '  sopaudit report                                 the HTML report in reports/',
      '  sopaudit validate branches/new-branch.json      the schema only',
      '  sopaudit token create --branch gb-london-camden',
      '  sopaudit serve --port 3000',
    ].join('\n'));

  withCommonOptions(program.command('check'), { today: true })
    .description('audit all branches, or only the given branch files, against the standard')
    .argument('[files...]', 'branch files to audit (default: the workspace\'s branch globs)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 on an unwaived finding at or above this severity').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('--standard <file>', 'audit against a draft standard instead (impact preview)')
    .option('--baseline <file>', 'a previous report.json: findings already there do not fail the check')
    .addOption(new Option('-j, --jobs <n>', `worker threads (default: one per ${ITEMS_PER_THREAD} files, up to the cores)`).argParser(parseJobs))
    .addHelpText('after', [
      '',
      'Exit codes: 0 no failing finding, 1 some, 2 usage or configuration error.',
      '',
      'Examples:',
      '  sopaudit check',
      '  sopaudit check branches/tr-istanbul-kadikoy.json --format json',
      '  sopaudit check --format sarif --output sopaudit.sarif --fail-on warning',
      '  sopaudit check --standard drafts/standard-2027.json --fail-on none',
      '  sopaudit check --baseline reports/report.json',
    ].join('\n'))
    .action(runWithFiles<CheckOptions>(async (f, o, c) => (await import('./commands/check')).check(f, o, c)));

  withCommonOptions(program.command('report'), { today: true })
    .description('write the HTML report, report.json and report.md into the reports folder')
    .option('-o, --out <dir>', 'write into this folder instead of the workspace\'s reports folder')
    .addOption(new Option('-j, --jobs <n>', `threads for auditing and writing pages (default: one per ${ITEMS_PER_THREAD} branches, up to the cores)`).argParser(parseJobs))
    .addHelpText('after', '\nExamples:\n  sopaudit report\n  sopaudit report --out /tmp/audit --locale tr')
    .action(run<ReportOptions>(async (o, c) => (await import('./commands/report')).report(o, c)));

  withCommonOptions(program.command('validate'))
    .description('check documents against the workspace\'s schema only')
    .argument('<files...>', 'documents to check')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .addHelpText('after', '\nExit codes: 0 all valid, 1 some invalid, 2 usage error.\n\nExamples:\n  sopaudit validate branches/*.json\n  sopaudit validate new-branch.json --format json')
    .action(runWithFiles<ValidateOptions>(async (f, o, c) => (await import('./commands/validate')).validate(f, o, c)));

  withCommonOptions(program.command('types'), { locale: false })
    .description('generate the TypeScript types of a branch document from the schemas')
    .option('-o, --out <file>', 'where to write them (default: types/branch.ts in the workspace)')
    .option('--check', 'write nothing; exit 1 when the file is missing or stale')
    .addHelpText('after', '\nExamples:\n  sopaudit types\n  sopaudit types --check')
    .action(run<TypesOptions>(async (o, c) => (await import('./commands/types')).types(o, c)));

  withCommonOptions(program.command('serve'), { today: true })
    .description('start the web server (the HTTP API; MongoDB when MONGODB_URI is set, else the workspace folder)')
    .option('-p, --port <n>', 'port (default 8080; 0: any free port)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .addHelpText('after', [
      '',
      'Environment: MONGODB_URI, SOPAUDIT_BODY_LIMIT (1mb), SOPAUDIT_AUTH_FAILURES (20 per 15 min),',
      'SOPAUDIT_TRUST_PROXY, SOPAUDIT_LOG_LEVEL (info), SOPAUDIT_SHUTDOWN_TIMEOUT (10 s).',
      'Stops gracefully on SIGTERM or SIGINT.',
      '',
      'Examples:',
      '  sopaudit serve',
      '  sopaudit serve --port 3000 --host 0.0.0.0',
      '  MONGODB_URI=mongodb://localhost:27017/sopaudit sopaudit serve',
    ].join('\n'))
    .action(run<ServeOptions>(async (o, c) => (await import('./commands/serve')).serve(o, c)));

  const token = program.command('token')
    .description('manage API tokens (create, list, revoke)')
    .addHelpText('after', [
      '',
      'Tokens live in .sopaudit/tokens.json in the workspace (only their SHA-256), or in MongoDB when MONGODB_URI is set.',
      '',
      'Examples:',
      '  sopaudit token create --branch gb-london-camden',
      '  sopaudit token create --head-office',
      '  sopaudit token list',
      '  sopaudit token revoke 3f2a9c1d7e5b4a60',
    ].join('\n'));
  withCommonOptions(token.command('create'))
    .description('print a new API token, once: for one branch or for head office')
    .addOption(new Option('--branch <id>', 'a token that reads and uploads only this branch').conflicts('headOffice'))
    .option('--head-office', 'a token that reads and uploads every branch')
    .addHelpText('after', '\nExamples:\n  sopaudit token create --branch gb-london-camden\n  sopaudit token create --head-office')
    .action(run<TokenCreateOptions>(async (o, c) => (await import('./commands/token')).tokenCreate(o, c)));
  withCommonOptions(token.command('list'))
    .description('list token ids, scopes and creation times (never the tokens)')
    .addHelpText('after', '\nExamples:\n  sopaudit token list\n  sopaudit token list --workspace /srv/procedures')
    .action(run<CommonOptions>(async (o, c) => (await import('./commands/token')).tokenList(o, c)));
  withCommonOptions(token.command('revoke'))
    .description('revoke a token by its id')
    .argument('<id>', 'token id, as token list shows it')
    .addHelpText('after', '\nA revoked token stops working at once, sessions signed in with it included.\n\nExamples:\n  sopaudit token list\n  sopaudit token revoke 3f2a9c1d7e5b4a60')
    // Commander passes the one <id> as a string where runWithFiles expects a list: String() takes either.
    .action(runWithFiles<CommonOptions>(async (id, options, ctx) => (await import('./commands/token')).tokenRevoke(String(id), options, ctx)));

  return program;
}

function exitCodeOf(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (and a suggestion).
    // `--help`, `help [command]` and `--version` succeed; help shown because
    // no command was given (commander.help with exit code 1) is a usage error.
    const asked = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0);
    return asked ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ExitError) {
    context.stderr.write(`sopaudit: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof WorkspaceError || error instanceof StandardError || error instanceof WaiversError) {
    context.stderr.write(`sopaudit: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof SchemaError) {
    context.stderr.write(`sopaudit: schema ${error.file ?? ''}: ${error.message}\n`);
    return EXIT.usage;
  }
  const io = error as NodeJS.ErrnoException;
  if (typeof io?.code === 'string' && typeof io.path === 'string') {
    // The file system refused (a full disk, a read-only folder, a file where a folder should be): the environment, not a bug.
    context.stderr.write(`sopaudit: cannot ${io.syscall ?? 'use'} ${io.path} (${io.code})\n`);
    return EXIT.usage;
  }
  context.stderr.write(`sopaudit: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.internal;
}
