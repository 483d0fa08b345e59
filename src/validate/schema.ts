import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../util/paths.js';
import type { MeetingRecord } from '../model/record.js';

/** The meeting record schema file shipped with hattama. */
export const MEETING_SCHEMA_FILE = join(packageRoot, 'schemas', 'meeting.schema.json');

let compiled: ValidateFunction<MeetingRecord> | undefined;

/**
 * The compiled meeting schema, built once per process.
 * allErrors: report every problem at once; verbose: keep the failing
 * subschema so messages can quote its description.
 */
export function meetingValidator(): ValidateFunction<MeetingRecord> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, useDefaults: false });
  // ajv-formats is CommonJS: under NodeNext its callable export sits on `.default`.
  addFormatsModule.default(ajv, ['date']);
  compiled = ajv.compile<MeetingRecord>(JSON.parse(readFileSync(MEETING_SCHEMA_FILE, 'utf8')) as object);
  return compiled;
}

export type { ErrorObject };
