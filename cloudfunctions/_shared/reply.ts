/** The one shape every cloud function returns. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
