/**
 * The command line as a new user meets it: help with examples on every
 * command, the version, and mistakes (an unknown command or flag, no
 * command at all) answered with exit 2, a suggestion, and nothing on stdout.
 */
import { runCli } from '../helpers/workspace';
import { TOOL } from '../../src/version';

const COMMANDS: string[][] = [[], ['check'], ['report'], ['validate'], ['types'], ['serve'], ['token'], ['token', 'create'], ['token', 'list'], ['token', 'revoke']];

describe('help', () => {
  it.each(COMMANDS.map((command) => [command.join(' '), command] as const))('sopaudit %s --help shows usage and examples, and exits 0', (_name, command) => {
    const result = runCli([...command, '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: sopaudit/);
    expect(result.stdout).toMatch(/\nExamples:\n {2}sopaudit /);
  });

  it('answers `sopaudit help <command>` like `<command> --help`', () => {
    const result = runCli(['help', 'check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(runCli(['check', '--help']).stdout);
  });

  it('prints the version', () => {
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: `${TOOL.version}\n` });
  });
});

describe('mistakes', () => {
  it.each([
    [['chek'], /unknown command 'chek'[^]*Did you mean check\?/],
    [['check', '--formt', 'json'], /unknown option '--formt'[^]*Did you mean --format\?/],
    [['token', 'crate'], /unknown command 'crate'[^]*Did you mean create\?/],
    [['report', '--outt', 'x'], /unknown option '--outt'[^]*Did you mean --out\?/],
  ])('%j exits 2 with a suggestion, printing nothing on stdout', (args, message) => {
    const result = runCli(args);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
  });

  it('shows the help on stderr and exits 2 when no command is given', () => {
    const result = runCli([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^Usage: sopaudit/);
  });
});
