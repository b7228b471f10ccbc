/** The pages' session store: what ends a session, and whose. */
import { SESSIONS_PER_TOKEN, SessionStore } from '../../src/server/pages/session';

describe('SessionStore', () => {
  it('ends a token\'s own oldest session past SESSIONS_PER_TOKEN, and no other token\'s', () => {
    const sessions = new SessionStore(() => 0);
    const headOffice = sessions.create({ kind: 'headOffice', tokenId: 'ho' });
    const branch = { kind: 'branch' as const, branch: 'gb-london-camden', tokenId: 'br' };
    const first = sessions.create(branch);
    const rest = Array.from({ length: SESSIONS_PER_TOKEN + 5 }, () => sessions.create(branch));
    expect(sessions.get(headOffice)?.principal).toEqual({ kind: 'headOffice', tokenId: 'ho' });
    expect(sessions.get(first)).toBeUndefined();
    expect(rest.filter((id) => sessions.get(id) !== undefined)).toHaveLength(SESSIONS_PER_TOKEN);
    expect(sessions.get(rest[rest.length - 1])?.principal).toEqual(branch);
  });
});
