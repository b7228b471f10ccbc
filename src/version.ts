/**
 * The tool's name and version, as reports and `--version` show them. Read
 * from package.json beside src/ or dist/ (one level up from either).
 */
import fs from 'node:fs';
import path from 'node:path';

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

export const TOOL = { name: 'sopaudit' as const, version: packageJson.version };
