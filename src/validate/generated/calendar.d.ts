// Types for the generated validator (see scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';
import type { CalendarData } from '../../referral/calendar.js';

/** Validates data/calendar-kz.yaml against schemas/calendar.schema.json; errors in `validate.errors`. */
declare const validate: ((data: unknown) => data is CalendarData) & { errors?: ErrorObject[] | null };
export default validate;
export { validate };
