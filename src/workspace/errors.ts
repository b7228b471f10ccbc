/**
 * A workspace that cannot be used as configured: a bad sopaudit.json, a
 * missing file, an unreadable schema folder. The CLI exits 2 on it.
 */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}
