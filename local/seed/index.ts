import type { FunctionHost } from '../runtime/functions';
import { seedActivities } from './activities';
import type { SeedCall } from './call';
import { seedGroups } from './groups';
import { seedPeople } from './people';
import { seedRecords } from './records';
import { seedServices } from './services';
import { seedStats } from './stats';

/**
 * Loads the fictional demo data through the functions' own actions, dated from the system's one
 * clock (host.clock): the project in progress, activities ahead, practices and services behind.
 */
export async function seedDemo(host: FunctionHost, inviteCode: string): Promise<void> {
  const now = host.clock.now();
  const call: SeedCall = async (fn, action, input, openid) => {
    const reply = (await host.invoke(fn, { ...(input as object), action }, openid)) as { ok: boolean; data?: unknown; error?: { code: string } };
    if (!reply.ok) throw new Error(`seed: ${fn}.${action} refused with ${reply.error?.code}`);
    return reply.data as never;
  };
  await seedPeople(call, inviteCode);
  await seedStats(call, now);
  await seedActivities(call, now);
  await seedGroups(call, now);
  await seedServices(call, now);
  await seedRecords(call, now);
}
