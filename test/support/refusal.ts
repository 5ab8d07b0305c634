import { AppError } from '../../cloudfunctions/_shared/errors';

/** The code a rule refuses with, or 'no refusal'; any other error fails the test as it is. */
export function refusal(rule: () => unknown): string {
  try {
    rule();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no refusal';
}
