import type { FunctionHost } from '../runtime/functions';
import { seedActivities } from './activities';
import type { SeedCall } from './call';
import { seedGroups } from './groups';
import { seedPeople } from './people';
import { seedServices } from './services';
import { seedStats } from './stats';

/** Loads the fictional demo data through the functions' own actions. */
export async function seedDemo(host: FunctionHost, inviteCode: string): Promise<void> {
  const call: SeedCall = async (fn, action, input, openid) => {
    const reply = (await host.invoke(fn, { ...(input as object), action }, openid)) as { ok: boolean; data?: unknown; error?: { code: string } };
    if (!reply.ok) throw new Error(`seed: ${fn}.${action} refused with ${reply.error?.code}`);
    return reply.data as never;
  };
  await seedPeople(call, inviteCode);
  await seedStats(call);
  await seedActivities(call);
  await seedGroups(call);
  await seedServices(call);
}
