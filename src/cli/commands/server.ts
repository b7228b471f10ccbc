/** `sopaudit serve` and `sopaudit token`: the web server's commands. */
import type { CliContext } from '../context';
import { ExitError } from '../errors';

export async function notBuiltYet(_options: unknown, _context: CliContext): Promise<number> {
  throw new ExitError(2, 'the web server is not built yet');
}
