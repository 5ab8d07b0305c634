import tcb from '@cloudbase/node-sdk';
import { collections } from '../../database/collections.json';

/**
 * Like the real service, the emulator refuses to read a collection that was never created, so
 * a collection missing from database/collections.json (the deploy checklist) fails locally too.
 * Call after pointSdkAt.
 */
export async function ensureCollections(): Promise<void> {
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  for (const name of collections) {
    try {
      await db.createCollection(name);
    } catch (err) {
      if (!/EXIST/.test(String((err as { code?: string }).code))) throw err;
    }
  }
}
