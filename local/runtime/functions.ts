import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FUNCTIONS_DIR, functionNames } from '../../scripts/build-functions';
import { Clock } from '../clock';
import { emulatorEnv } from '../emulator';

export const LOCAL_APPID = 'wx_local_dev';

type Main = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * Points the unchanged @cloudbase/node-sdk at the local emulator, the way CloudBase's own
 * environment variables point it at the real service. Identity is NOT set here: it travels
 * with each invocation's context, as in production, so concurrent callers never share it.
 */
export function pointSdkAt(emulatorUrl: string, extra: Record<string, string> = {}): void {
  Object.assign(process.env, emulatorEnv(emulatorUrl), extra);
  delete process.env.WX_OPENID;
}

/**
 * The SCF context CloudBase passes as main's second argument. `environment` carries the
 * caller's WX_OPENID, injected by WeChat and never taken from the client's payload.
 * A null openid is a timer trigger or a function-to-function call.
 */
export function invocationContext(name: string, openid: string | null, clock: Clock) {
  const environment: Record<string, string> = { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: LOCAL_APPID };
  if (openid) environment.WX_OPENID = openid;
  return {
    request_id: randomUUID(),
    function_name: name,
    namespace: 'local-env',
    environment: JSON.stringify(environment),
    // Local only: the functions' `now` (cloudfunctions/_shared/cloud.ts invocationNow).
    clock: () => clock.now(),
  };
}

/**
 * The built functions (cloudfunctions/<name>/index.js, the bundles CloudBase runs), each called
 * exactly as CloudBase calls it. They are loaded through a require rooted in the bundles' own
 * folder, so that tsx (npm start, the benches) cannot resolve `index.js` to the `index.ts` beside it.
 */
export class FunctionHost {
  private readonly mains = new Map<string, Main>();

  constructor(readonly clock: Clock = new Clock()) {
    const load = createRequire(join(FUNCTIONS_DIR, 'package.json'));
    for (const name of functionNames()) {
      this.mains.set(name, (load(join(FUNCTIONS_DIR, name, 'index.js')) as { main: Main }).main);
    }
  }

  names(): string[] {
    return [...this.mains.keys()];
  }

  has(name: string): boolean {
    return this.mains.has(name);
  }

  /** `wx.cloud.callFunction({name, data})`: the event is data plus userInfo, as WeChat sends it. */
  invoke(name: string, data: Record<string, unknown>, openid: string | null): Promise<unknown> {
    const main = this.mains.get(name);
    if (!main) return Promise.reject(new Error(`no cloud function named ${name}`));
    const event = openid ? { ...data, userInfo: { appId: LOCAL_APPID, openId: openid } } : { ...data };
    return main(event, invocationContext(name, openid, this.clock));
  }
}
