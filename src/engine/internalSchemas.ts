/**
 * Validators for sopaudit's own documents (sopaudit.json, waivers.json and
 * the report), compiled once from the schemas in src/schemas, which also
 * generate their TypeScript types.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import configSchema from '../schemas/config.schema.json';
import reportSchema from '../schemas/report.schema.json';
import waiversSchema from '../schemas/waivers.schema.json';

let ajv: Ajv2020 | undefined;

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    // json-schema-to-typescript's hint for the report's free-form values.
    ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
    ajv.addSchema(waiversSchema);
    ajv.addSchema(configSchema);
    ajv.addSchema(reportSchema);
  }
  return ajv;
}

function validator(id: string): ValidateFunction {
  return instance().getSchema(id) as ValidateFunction;
}

export const validateConfig = (value: unknown): ErrorObject[] => run(validator(configSchema.$id), value);
export const validateWaivers = (value: unknown): ErrorObject[] => run(validator(waiversSchema.$id), value);
export const validateReport = (value: unknown): ErrorObject[] => run(validator(reportSchema.$id), value);

function run(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
