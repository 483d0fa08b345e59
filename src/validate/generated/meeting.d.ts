// Types for the generated validator (see scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';
import type { MeetingRecord } from '../../model/record.js';

/** Validates a meeting record against schemas/meeting.schema.json; errors in `validate.errors`. */
declare const validate: ((data: unknown) => data is MeetingRecord) & { errors?: ErrorObject[] | null };
export default validate;
export { validate };
