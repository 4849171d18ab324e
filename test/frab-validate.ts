// The validators of the frab exports, set up as upstream C3VOC does (see the shared SOURCE.txt):
// xmllint (here its WebAssembly build) with schedule.xml.xsd; Ajv with the draft-06 meta-schema,
// strict:false (the schema uses unknown keywords such as $oneOf), ajv-formats and a 'color' format.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { sharedPath } from './shared.ts';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;

export async function validateScheduleXml(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const xsd = readFileSync(sharedPath('schemas/frab-schedule-xml/schedule.xml.xsd'), 'utf8');
  const r = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: xml }], schema: [xsd] });
  return { valid: r.valid, errors: r.errors.map((e) => e.message) };
}

export function scheduleJsonValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv);
  ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
  return ajv.compile(JSON.parse(readFileSync(sharedPath('schemas/c3voc-schedule-json/schema.json'), 'utf8')));
}
