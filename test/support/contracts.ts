import { join } from 'node:path';
import { functionNames } from '../../scripts/build-functions';
import type { ActionContract, Contract } from '../../cloudfunctions/_shared/contract';

export interface ActionEntry {
  fn: string;
  action: string;
  contract: ActionContract;
}

/** Every action of every deployed function, read from the contracts the router enforces. */
export function allActions(): ActionEntry[] {
  return functionNames().flatMap((fn) => {
    const mod = require(join(__dirname, '..', '..', 'cloudfunctions', fn, 'contract')) as Record<string, unknown>;
    const contract = mod[`${fn}Contract`] as Contract;
    return Object.entries(contract).map(([action, c]) => ({ fn, action, contract: c }));
  });
}
