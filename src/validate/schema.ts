import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { packageRoot } from '../util/paths.js';
import validateMeeting from './generated/meeting.js';

/** The meeting record schema file shipped with hattama. */
export const MEETING_SCHEMA_FILE = join(packageRoot, 'schemas', 'meeting.schema.json');

/**
 * The meeting schema's validator: ajv standalone code generated from the
 * schema by scripts/gen-validators.mjs (allErrors, verbose), so nothing is
 * compiled at start-up.
 */
export function meetingValidator(): typeof validateMeeting {
  return validateMeeting;
}

export type { ErrorObject };
