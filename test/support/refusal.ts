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

/** The code a function's reply refuses with, or 'ok'; a refusal must speak Chinese to the resident. */
export async function replyRefusal(reply: Promise<{ ok: boolean; error?: { code: string; message: string } }>): Promise<string | undefined> {
  const r = await reply;
  if (r.ok) return 'ok';
  expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
  return r.error?.code;
}
