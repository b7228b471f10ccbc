/**
 * Keyed lists handed over by the audit (AuditorOptions.keepOwnLists): a branch's
 * own lists that have findings in them, and nothing else of its document.
 */
import { Auditor, SchemaChecker, parseJsonText } from '../../src/engine';
import { schemaSet } from '../helpers/findings';

const steps = {
  type: 'array',
  'x-key': 'id',
  items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string', 'x-compare': 'ignore' } } },
};
const checker = new SchemaChecker(schemaSet({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    returns: { type: 'object', properties: { steps, days: { type: 'integer' } } },
    complaints: { type: 'object', properties: { steps } },
  },
}));
const standard = {
  returns: { steps: [{ id: 'greet', text: 'Greet' }, { id: 'inspect', text: 'Inspect' }], days: 30 },
  complaints: { steps: [{ id: 'listen', text: 'Listen' }] },
};
const auditors = {
  keeping: new Auditor(checker, { standard: { file: 'standard.json', text: JSON.stringify(standard) }, keepOwnLists: true }),
  plain: new Auditor(checker, { standard: { file: 'standard.json', text: JSON.stringify(standard) } }),
};

function audit(branch: unknown, keepOwnLists?: boolean) {
  return auditors[keepOwnLists ? 'keeping' : 'plain'].audit('b.json', parseJsonText(JSON.stringify(branch)));
}

describe('an audit that keeps lists', () => {
  const reordered = { returns: [{ id: 'inspect', text: 'Look' }, { id: 'greet', text: 'Hi' }] };

  it('hands over the branch\'s own lists that have findings, by audit path, and no other list', () => {
    const result = audit({ ...standard, returns: { ...standard.returns, steps: reordered.returns } }, true);
    expect(result.findings.map((f) => f.path)).toEqual(['/returns/steps/inspect']);
    expect(result.ownLists).toEqual({ '/returns/steps': reordered.returns });
  });

  it('hands over every list with findings, an emptied one included', () => {
    const result = audit({ returns: { steps: [{ id: 'greet', text: 'Hi' }], days: 30 }, complaints: { steps: [] } }, true);
    expect(Object.keys(result.ownLists ?? {}).sort()).toEqual(['/complaints/steps', '/returns/steps']);
    expect(result.ownLists?.['/complaints/steps']).toEqual([]);
  });

  it('keeps nothing when the findings are outside every list, or when not asked to', () => {
    expect(audit({ ...standard, returns: { ...standard.returns, days: 14 } }, true).ownLists).toBeUndefined();
    expect(audit({ ...standard, returns: { ...standard.returns, steps: reordered.returns } }).ownLists).toBeUndefined();
  });
});
